/** Loads every router driver module (each registers itself). One line per driver. */
import './accept.js';
import './redirect.js';
import './dnslookup.js';
import './ipliteral.js';
import './manualroute.js';
