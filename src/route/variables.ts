/**
 * Expansion variables of an address, as routers and transports see them ($local_part,
 * $domain, the affixes, $address_data, $domain_data, $local_part_data, $home, the original
 * and parent parts, $r_... router variables, $address_pipe / $address_file). Address-derived
 * values are tainted (they come from the envelope); data from lookups keeps its own taint.
 */
import { tainted, untainted, type ExpandContext, type TStr } from '../expand/types.js';
import type { AddressItem } from './types.js';

/** Per-router extras the engine knows while a router runs. */
export interface AddressVariableExtras {
  /** $router_name while a router (or its transport) runs. */
  readonly routerName?: string;
  /** $self_hostname: the local host a router found (self = pass). */
  readonly selfHostname?: string;
}

function fullLocalPart(a: AddressItem): string {
  const at = a.address.lastIndexOf('@');
  return at < 0 ? a.address : a.address.slice(0, at);
}

function setIf(vars: Map<string, TStr>, name: string, value: TStr | undefined): void {
  if (value !== undefined) vars.set(name, value);
}

/** The variables of `addr` (only those that have a value). */
export function addressVariables(addr: AddressItem, extras: AddressVariableExtras = {}): Map<string, TStr> {
  const vars = new Map<string, TStr>();
  const lp = addr.localPart;
  if (addr.special && addr.parent) {
    // Pipe/file/directory deliveries: the local part and domain are the parent's.
    vars.set('local_part', tainted(addr.parent.localPart));
    vars.set('domain', tainted(addr.parent.domain));
    vars.set(addr.special === 'pipe' ? 'address_pipe' : 'address_file', tainted(addr.address));
  } else {
    vars.set('local_part', tainted(lp));
    vars.set('domain', tainted(addr.domain));
  }
  vars.set('local_part_prefix', addr.prefixWild !== '' ? tainted(addr.prefix) : untainted(addr.prefix));
  vars.set('local_part_suffix', addr.suffixWild !== '' ? tainted(addr.suffix) : untainted(addr.suffix));
  vars.set('local_part_prefix_v', tainted(addr.prefixWild));
  vars.set('local_part_suffix_v', tainted(addr.suffixWild));
  setIf(vars, 'address_data', addr.prop.addressData);
  setIf(vars, 'domain_data', addr.prop.domainData);
  setIf(vars, 'local_part_data', addr.prop.localPartData);
  const home = addr.homeDir ?? addr.localUser?.home;
  if (home !== undefined) vars.set('home', untainted(home));
  if (addr.localUser) {
    vars.set('local_user_uid', untainted(String(addr.localUser.uid)));
    vars.set('local_user_gid', untainted(String(addr.localUser.gid)));
  }
  const top = addr.top;
  vars.set('original_local_part', tainted(addr.parent ? fullLocalPart(top).toLowerCase() : fullLocalPart(addr)));
  vars.set('original_domain', tainted(top.domain.toLowerCase()));
  if (addr.parent) {
    vars.set('parent_local_part', tainted(addr.parent.localPart));
    vars.set('parent_domain', tainted(addr.parent.domain));
  }
  if (extras.routerName !== undefined) vars.set('router_name', untainted(extras.routerName));
  const selfName = extras.selfHostname ?? addr.selfHost?.name;
  if (selfName !== undefined) vars.set('self_hostname', untainted(selfName));
  for (const [name, value] of addr.prop.variables ?? []) vars.set(name, value);
  return vars;
}

/** Names addressVariables may set: cleared from the base so one address's values never leak into another's. */
const ADDRESS_VARIABLE_NAMES = [
  'local_part', 'domain', 'local_part_prefix', 'local_part_suffix', 'local_part_prefix_v', 'local_part_suffix_v',
  'address_data', 'domain_data', 'local_part_data', 'home', 'local_user_uid', 'local_user_gid',
  'original_local_part', 'original_domain', 'parent_local_part', 'parent_domain', 'router_name', 'self_hostname',
  'address_pipe', 'address_file',
];

/**
 * A context for expanding in the scope of `addr`: the base's variables (copied, so the base is
 * untouched) with the address's laid over them. Numeric variables start empty.
 */
export function expandContextForAddress(base: ExpandContext, addr: AddressItem, extras: AddressVariableExtras = {}): ExpandContext {
  const vars = new Map(base.vars);
  for (const name of ADDRESS_VARIABLE_NAMES) vars.delete(name);
  for (const name of [...vars.keys()]) if (name.startsWith('r_')) vars.delete(name);
  for (const [name, value] of addressVariables(addr, extras)) vars.set(name, value);
  return { ...base, vars, numeric: [], value: undefined, item: undefined };
}
