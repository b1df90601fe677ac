/**
 * The experimental queuefile transport (experimental spec "Queuefile transport"): copies the
 * message's spool files (-D then -H, exim4's spool format) into another directory for an
 * external process, and does no delivery itself. Generic transport options are ignored.
 *
 * exim4 4.96 as packaged has no queuefile support, so the wording of the errors here has no
 * oracle; the files themselves are the spool module's exact -D/-H renderings.
 */
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand } from '../../expand/index.js';
import type { AddressItem } from '../../route/types.js';
import { renderHeaderFile } from '../../spool/header-file-write.js';
import { strerror } from '../../util/strerror.js';
import { errnoOf } from '../appendfile/mbox.js';
import { EXIM_ERRNO, defer, ok, sameForAll } from '../local-common.js';
import { registerTransportDriver } from '../registry.js';
import type { DeliveryResult, TransportContext, TransportDriver, TransportRun } from '../types.js';

class QueuefileTransport implements TransportDriver {
  readonly kind = 'local' as const;
  constructor(private readonly opts: DriverOptions) {}

  async deliver(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    return sameForAll(addresses, await this.copy(addresses[0]!, ctx));
  }

  private async copy(addr: AddressItem, ctx: TransportContext): Promise<DeliveryResult> {
    const name = this.opts.name;
    const raw = this.opts.str('directory');
    if (raw === undefined) return defer(`directory must be set for the ${name} transport`);
    let dir: string;
    try {
      const r = await expand(raw, ctx.expandFor(addr));
      if (r.tainted) return defer(`Tainted '${r.s}' (directory for ${name} transport) not permitted`, { errno: EXIM_ERRNO.taint });
      dir = r.s;
    } catch (e) {
      if (e instanceof ExpandError) return defer(`Failed to expand directory "${raw}" for ${name} transport: ${e.message}`);
      throw e;
    }
    if (!dir.startsWith('/')) return defer(`${name} transport directory "${dir}" is not absolute`, { errno: EXIM_ERRNO.notAbsolute });
    const { spool, id } = ctx.message;
    const dataFile = Buffer.concat([Buffer.from(`${id}-D\n`), await ctx.message.readBody()]);
    const headerFile = renderHeaderFile(id, spool);
    try {
      // -D first: a reader takes the appearance of -H as "both files are complete".
      await writeAtomically(dir, `${id}-D`, dataFile);
      await writeAtomically(dir, `${id}-H`, headerFile);
    } catch (e) {
      return defer(`${strerror(e)}: while copying spool files of ${id} to ${dir} for ${name} transport`, { errno: errnoOf(e) });
    }
    return ok();
  }
}

async function writeAtomically(dir: string, name: string, data: Buffer): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  const h = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
  try {
    await h.write(data);
    await h.sync();
  } catch (e) {
    await h.close();
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await h.close();
  await fs.rename(tmp, join(dir, name));
}

registerTransportDriver({
  name: 'queuefile',
  kind: 'local',
  create: (options) => new QueuefileTransport(options),
});
