/**
 * The appendfile transport (spec chapter "The appendfile transport"): mbox files, maildir,
 * plain directory delivery, batch SMTP; quotas and quota warnings. One delivery per batch.
 */
import { hostname } from 'node:os';
import type { DriverOptions } from '../../config/driver-options.js';
import type { AddressItem } from '../../route/types.js';
import {
  DeliveryOutcome,
  defer,
  ok,
  outcomeOf,
  sameForAll,
  sizeLimitResult,
  transportExpandContext,
  deliveryIds,
} from '../local-common.js';
import { registerTransportDriver } from '../registry.js';
import type { DeliveryResult, TransportContext, TransportDriver, TransportRun } from '../types.js';
import { deliverToDirectory } from './directory.js';
import { checkFileFormat, HandOver } from './file-format.js';
import { deliverToMaildir } from './maildir.js';
import { appendToMailbox } from './mbox.js';
import { readQuotaSettings, type QuotaSettings } from './quota.js';
import { FilterFailed } from '../transport-filter.js';
import type { ExpandContext } from '../../expand/types.js';
import { sendQuotaWarning } from './quota-warning.js';
import { renderDelivery } from './render.js';
import { deliveryTarget, type Target } from './target.js';

export function primaryHostname(ctx: TransportContext): string {
  const v = ctx.config.mainOption('primary_hostname');
  return typeof v === 'string' && v !== '' ? v : hostname();
}

interface WriteEnv {
  readonly addr: AddressItem;
  readonly ctx: TransportContext;
  readonly opts: DriverOptions;
  readonly ectx: ExpandContext;
  readonly returnPath: string;
  readonly home?: string;
  readonly quota: QuotaSettings;
}

class AppendfileTransport implements TransportDriver {
  readonly kind = 'local' as const;
  constructor(private readonly opts: DriverOptions) {}

  async deliver(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    try {
      const result = await outcomeOf(() => this.deliverBatch(addresses, ctx));
      return sameForAll(addresses, result);
    } catch (e) {
      if (e instanceof HandOver) return e.run;
      throw e;
    }
  }

  private async deliverBatch(addresses: readonly AddressItem[], ctx: TransportContext): Promise<DeliveryResult> {
    const opts = this.opts;
    const addr = addresses[0]!;
    const { ectx, returnPath, home } = await transportExpandContext(addr, ctx, opts);
    const tooBig = await sizeLimitResult(ctx, opts, ectx);
    if (tooBig) return tooBig;
    if (opts.bool('mbx_format') || opts.bool('mailstore_format')) {
      return defer(`${opts.bool('mbx_format') ? 'mbx' : 'mailstore'} format is not supported by Mailwright's ${opts.name} transport`);
    }
    const target = await deliveryTarget(addr, opts, ectx, home);
    if (!target.isDirectory) await checkFileFormat(target.path, opts, addresses, ctx);
    const quota = await readQuotaSettings(opts, ectx);
    const render = (): Promise<Buffer> => renderDelivery({ addresses, ctx, opts, ectx, returnPath });
    try {
      return await this.write(target, render, { addr, ctx, opts, ectx, returnPath, home, quota });
    } catch (e) {
      if (!(e instanceof FilterFailed)) throw e;
      const where = e.execFailed ? ': unable to execute command' : '';
      return defer(`${e.text()} while writing to ${target.path}${where}`, { errno: FilterFailed.errno });
    }
  }

  private async write(target: Target, render: () => Promise<Buffer>, w: WriteEnv): Promise<DeliveryResult> {
    const { addr, ctx, opts, ectx, returnPath, home, quota } = w;
    const host = primaryHostname(ctx);
    const { uid, gid } = deliveryIds(addr);
    const withVars = (vars: Record<string, string>) =>
      ctx.expandFor(addr, new Map([['return_path', returnPath], ...(home !== undefined ? [['home', home] as [string, string]] : []), ...Object.entries(vars)]));
    let warn: boolean;
    if (!target.isDirectory) {
      warn = (await appendToMailbox({ path: target.path, data: render, opts, quota, uid, gid, primaryHostname: host })).warn;
    } else if (opts.bool('maildir_format')) {
      warn = (await deliverToMaildir({
        dir: target.path, data: await render(), opts, quota, primaryHostname: host, ectx, owner: { uid, gid },
        tagContext: (size) => withVars({ message_size: String(size) }),
      })).warn;
    } else {
      warn = (await deliverToDirectory({
        dir: target.path, data: await render(), opts, quota, primaryHostname: host, owner: { uid, gid },
        nameContext: (inode) => withVars({ inode: String(inode) }),
      })).warn;
    }
    if (warn) await sendQuotaWarning(addr, ctx, opts, ectx).catch((e: unknown) => {
      if (!(e instanceof DeliveryOutcome)) throw e;
    });
    return ok();
  }
}

registerTransportDriver({
  name: 'appendfile',
  kind: 'local',
  create: (options) => new AppendfileTransport(options),
});
