/**
 * The accept router: once the generic preconditions pass it accepts the address; the engine
 * then applies the generic transport, errors_to and headers options. A transport is required
 * unless the router is verify_only (Exim's configuration-time check).
 */
import { registerRouterDriver } from '../registry.js';
import { RouterConfigError } from '../errors.js';

registerRouterDriver({
  name: 'accept',
  create(options) {
    if (!options.isSet('transport') && !options.bool('verify_only')) {
      throw new RouterConfigError(options.name, 'a transport is required for this router');
    }
    return { route: async () => ({ kind: 'accept' }) };
  },
});
