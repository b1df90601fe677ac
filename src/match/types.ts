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
  /** Whether the subject is tainted (sets the taint of $0.. after `^regex` / `*suffix` items). */
  readonly subjectTainted?: boolean;
  /** Host lists: name service for forward and reverse lookups (default: the OS resolver, no reverse). */
  readonly resolver?: HostResolver;
}

/**
 * Name service used by host lists. Added for the matcher (backwards-compatible extension of
 * ListMatchOptions); the DNS module will provide a full implementation.
 */
export interface HostResolver {
  /** IP addresses of a host name; null when none can be found. Throws LookupDefer on a temporary failure. */
  addressesOf(name: string): Promise<string[] | null>;
  /** Verified host names of an address; null when none can be found. Absent: reverse lookups unavailable. */
  namesOf?(address: string): Promise<string[] | null>;
}
