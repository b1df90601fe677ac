/** Configuration errors found when routers are built, in Exim's two layouts. */
import { ConfigError } from '../util/errors.js';

/** `Exim configuration error:` / `  <name> router:` / `  <text>` (generic driver checks). */
export class RouterConfigError extends ConfigError {
  constructor(router: string, text: string) {
    super(`Exim configuration error:\n  ${router} router:\n  ${text}`);
  }
}

/** `Exim configuration error for <name> router:` / `  <text>` (a driver's own checks). */
export class RouterPrivateConfigError extends ConfigError {
  constructor(router: string, text: string) {
    super(`Exim configuration error for ${router} router:\n  ${text}`);
  }
}
