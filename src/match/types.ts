/**
 * Contract of Exim list matching (spec "Domain, host, address, and local part lists").
 * Lists arrive already expanded as a whole (where the caller's context expands them);
 * named lists (`+name`) are fetched from ctx.config and expanded by the matcher.
 * A lookup that defers throws LookupDefer; callers turn that into defer.
 */
import type { ExpandContext, TStr } from '../expand/types.js';

export type ListMatch =
  | {
      readonly matched: true;
      /** Data from the lookup that matched, for $domain_data / $local_part_data / $host_data. */
      readonly data?: TStr;
      /** The list item that matched, for $domain_data style uses where Exim sets it. */
      readonly item?: string;
    }
  | { readonly matched: false };

export interface HostIdentity {
  /** IP address (v4 or v6, as text) of the host. Empty for locally submitted messages. */
  readonly address: string;
  /** Host name if already known (reverse lookup done); the matcher may look it up via a resolver later. */
  readonly name?: string;
}

export interface ListMatchOptions {
  /** Case-sensitive local parts (domains are always caseless). */
  readonly caseSensitive?: boolean;
}
