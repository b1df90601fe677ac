/** Loads every transport driver module (each registers itself). One line per driver. */
export { transportDriver, transportDriverNames } from './registry.js';
import './appendfile/index.js';
import './pipe/index.js';
import './autoreply/index.js';
import './lmtp/index.js';
import './queuefile/index.js';
import './smtp/index.js';
