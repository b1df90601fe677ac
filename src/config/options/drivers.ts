/**
 * Driver option tables by kind: generic options shared by every instance of a kind, and private
 * options per driver. Also the per-driver overrides of generic defaults that Exim applies when a
 * driver initialises (e.g. local transports retry on the local part).
 */
import type { DriverKind, OptionTable, OptionValue } from '../types.js';
import { AUTH_GENERIC_ROWS, AUTH_PRIVATE_ROWS } from './authenticator-rows.js';
import { ROUTER_GENERIC_ROWS, ROUTER_PRIVATE_ROWS } from './router-rows.js';
import { tableFromRows, type OptionRow, type SortedOptionTable } from './table.js';
import { TRANSPORT_GENERIC_ROWS, TRANSPORT_PRIVATE_ROWS } from './transport-rows.js';

/**
 * Drivers Mailwright has not built yet, by kind: their options are accepted and stored and -bP
 * says they are not used yet. Authenticators other than plaintext and cram_md5 are placeholders.
 */
const UNBUILT_DRIVERS: Readonly<Record<DriverKind, ReadonlySet<string>>> = {
  router: new Set(['queryprogram']),
  transport: new Set(),
  authenticator: new Set(['cyrus_sasl', 'dovecot', 'external', 'gsasl', 'heimdal_gssapi', 'spa', 'tls']),
};

const PENDING_BY_KIND: Readonly<Record<DriverKind, string>> = {
  router: 'routing',
  transport: 'delivery',
  authenticator: 'smtp-auth',
};

/** The pending note for a driver's private options (undefined: built). */
function pendingFor(kind: DriverKind, driver: string): string | undefined {
  return UNBUILT_DRIVERS[kind].has(driver) ? PENDING_BY_KIND[kind] : undefined;
}

interface KindRows {
  readonly generic: readonly OptionRow[];
  readonly drivers: Readonly<Record<string, readonly OptionRow[]>>;
}

const ROWS: Readonly<Record<DriverKind, KindRows>> = {
  router: { generic: ROUTER_GENERIC_ROWS, drivers: ROUTER_PRIVATE_ROWS },
  transport: { generic: TRANSPORT_GENERIC_ROWS, drivers: TRANSPORT_PRIVATE_ROWS },
  authenticator: { generic: AUTH_GENERIC_ROWS, drivers: AUTH_PRIVATE_ROWS },
};

const genericCache = new Map<DriverKind, SortedOptionTable>();
const privateCache = new Map<string, SortedOptionTable>();

export function genericTable(kind: DriverKind): SortedOptionTable {
  let t = genericCache.get(kind);
  if (!t) {
    // Generic options are used by every built driver (routing engine, delivery, authenticators).
    t = tableFromRows(ROWS[kind].generic);
    genericCache.set(kind, t);
  }
  return t;
}

export function privateTable(kind: DriverKind, driver: string): SortedOptionTable | undefined {
  const rows = Object.hasOwn(ROWS[kind].drivers, driver) ? ROWS[kind].drivers[driver] : undefined;
  if (!rows) return undefined;
  const key = `${kind}/${driver}`;
  let t = privateCache.get(key);
  if (!t) {
    t = tableFromRows(rows, pendingFor(kind, driver));
    privateCache.set(key, t);
  }
  return t;
}

/** Driver names of a kind in Exim's order (alphabetical, as -bP macros and the docs list them). */
export function kindDriverNames(kind: DriverKind): string[] {
  return Object.keys(ROWS[kind].drivers).sort();
}

/** Generic options whose default depends on the driver (set by the driver's initialisation). */
const GENERIC_DEFAULT_OVERRIDES: Readonly<Record<string, Readonly<Record<string, OptionValue>>>> = {
  'router/accept': { log_as_local: true },
  'transport/appendfile': { retry_use_local_part: true },
  'transport/autoreply': { retry_use_local_part: true },
  'transport/lmtp': { retry_use_local_part: true },
  'transport/pipe': { retry_use_local_part: true },
  'transport/queuefile': { retry_use_local_part: true },
};

/** Default of a generic option for an instance of `driver`. */
export function genericDefaultFor(kind: DriverKind, driver: string, name: string): OptionValue {
  const over = GENERIC_DEFAULT_OVERRIDES[`${kind}/${driver}`];
  if (over && Object.hasOwn(over, name)) return over[name];
  return genericTable(kind).get(name)?.default;
}

/**
 * Generic and private options of one driver seen as a single table, for resolving a line in a
 * driver instance (Exim looks in both; an option in neither is unknown). all() lists the generic
 * options first, then the private ones, each sorted, which is -bP's order.
 */
export function instanceTable(kind: DriverKind, driver: string): OptionTable {
  const generic = genericTable(kind);
  const priv = privateTable(kind, driver);
  const all = [...generic.all(), ...(priv?.all() ?? [])];
  return {
    get: (name) => generic.get(name) ?? priv?.get(name),
    all: () => all,
  };
}
