/**
 * Whether a host a router found is this host (spec "Recognizing the local host"): one of its
 * addresses is an address of local_interfaces or extra_local_interfaces (a wildcard in those
 * stands for every interface of the machine), or its name matches hosts_treat_as_local.
 */
import type { ExpandContext } from '../expand/types.js';
import { parseHostAddress } from '../match/ip.js';
import { localInterfaceAddresses, sameAddress } from '../match/local-host.js';
import { matchDomainList } from '../match/index.js';
import type { HostItem } from './types.js';

export type LocalHostTest = (host: HostItem) => Promise<boolean>;

/** The test for one routing attempt (interfaces read once; hosts_treat_as_local expanded when used). */
export function localHostTest(ctx: ExpandContext): LocalHostTest {
  let interfaces: ReturnType<typeof localInterfaceAddresses> | undefined;
  const treatAsLocal = ctx.config.mainOption('hosts_treat_as_local');
  return async (host) => {
    if (host.address !== undefined) {
      const ip = parseHostAddress(host.address);
      interfaces ??= localInterfaceAddresses(ctx);
      if (ip && interfaces.some((a) => sameAddress(a, ip))) return true;
    }
    if (typeof treatAsLocal !== 'string' || treatAsLocal === '') return false;
    const list = treatAsLocal.includes('$') ? (await ctx.services.expand(treatAsLocal, ctx)).s : treatAsLocal;
    return (await matchDomainList(host.name, list, ctx)).matched;
  };
}
