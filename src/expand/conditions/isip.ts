/** isip, isip4, isip6: does the argument have the form of an IP address. */
import { registerCondition } from './registry.js';
import { ipVersion } from './ip-address.js';

registerCondition({ name: 'isip', nargs: 1, fn: ([a]) => ipVersion(a!.s) !== 0 });
registerCondition({ name: 'isip4', nargs: 1, fn: ([a]) => ipVersion(a!.s) === 4 });
registerCondition({ name: 'isip6', nargs: 1, fn: ([a]) => ipVersion(a!.s) === 6 });
