/**
 * Registry of expansion operators (`${name:subject}`); each operator lives in its own small
 * module here and registers itself on import. Importing this file fills the map.
 */
export { registerOperator, operators } from './registry.js';

import './hash.js';
import './substring.js';
import './base-encodings.js';
import './text.js';
import './utf8.js';
import './time.js';
import './eval.js';
import './ip.js';
import './list.js';
import './address.js';
import './rfc2047.js';
import './idna.js';
import './randint.js';
import './stat.js';
import './newer.js';
