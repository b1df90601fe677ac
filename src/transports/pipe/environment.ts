/** The environment of a pipe command (spec "Environment variables" of the pipe transport). */
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext } from '../../expand/types.js';
import type { AddressItem } from '../../route/types.js';
import { listItems } from '../../util/exim-list.js';
import { expandOption } from '../local-common.js';
import type { TransportContext } from '../types.js';

export async function pipeEnvironment(
  addresses: readonly AddressItem[],
  ctx: TransportContext,
  opts: DriverOptions,
  ectx: ExpandContext,
  info: { returnPath: string; home?: string; path: string },
): Promise<Record<string, string>> {
  const addr = addresses[0]!;
  // Redirected pipes: the local part and domain are those of the address that was redirected.
  const owner = addr.special && addr.parent ? addr.parent : addr;
  const qualify = ctx.config.mainOption('qualify_domain') ?? ctx.config.mainOption('primary_hostname');
  const env: Record<string, string> = {
    LOCAL_PART: owner.localPart,
    LOGNAME: owner.localPart,
    USER: owner.localPart,
    LOCAL_PART_PREFIX: owner.prefix,
    LOCAL_PART_SUFFIX: owner.suffix,
    DOMAIN: owner.domain,
    HOME: info.home ?? '',
    MESSAGE_ID: ctx.message.id,
    PATH: info.path,
    RECIPIENT: owner.domain === '' ? owner.localPart : `${owner.prefix}${owner.localPart}${owner.suffix}@${owner.domain}`,
    QUALIFY_DOMAIN: typeof qualify === 'string' ? qualify : '',
    SENDER: ctx.message.spool.sender,
    SHELL: '/bin/sh',
  };
  if (addr.hosts[0]) env['HOST'] = addr.hosts[0].name;
  const tz = ctx.config.mainOption('timezone');
  if (typeof tz === 'string' && tz !== '') env['TZ'] = tz;
  const extra = await expandOption(opts, 'environment', ectx);
  if (extra) {
    for (const item of listItems(extra.s, ':')) {
      const eq = item.indexOf('=');
      if (eq > 0) env[item.slice(0, eq)] = item.slice(eq + 1);
    }
  }
  return env;
}
