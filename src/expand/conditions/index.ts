/**
 * Registry of `${if}` conditions that take brace arguments; each lives in its own small module
 * here and registers itself on import.
 */
export { registerCondition, conditions } from './registry.js';

import './numeric.js';
import './string-compare.js';
import './bool.js';
import './crypteq.js';
import './exists.js';
import './inlist.js';
import './isip.js';
import './match.js';
import './match-lists.js';
import './acl.js';
import './inbound-srs.js';
import './saslauthd.js';
import './unsupported.js';
