/** Registers every ACL condition and modifier (importing a module registers it). */
import './acl.js';
import './content.js';
import './control.js';
import './delay-queue.js';
import './headers.js';
import './logging.js';
import './recipient-lists.js';
import './sender-lists.js';
import './session-lists.js';
import './simple.js';
import './udpsend.js';
import './unsupported.js';
import './verify.js';
import './ratelimit.js';
import './dnslists.js';
