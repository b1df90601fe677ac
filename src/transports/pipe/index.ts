/**
 * The pipe transport (spec chapter "The pipe transport"): runs a command with the message on its
 * standard input and turns its exit status, output and timing into a delivery result with
 * Exim's texts.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { AddressItem } from '../../route/types.js';
import { renderDelivery } from '../appendfile/render.js';
import { defer, expandOption, outcomeOf, sameForAll, sizeLimitResult, transportExpandContext, deliveryIds, expandRequired } from '../local-common.js';
import { registerTransportDriver } from '../registry.js';
import type { DeliveryResult, TransportContext, TransportDriver, TransportRun } from '../types.js';
import { buildArgv, resolveCommand } from './command.js';
import { pipeEnvironment } from './environment.js';
import { judgeRun } from './status.js';
import { runCommand } from './run.js';
import { FilterFailed } from '../transport-filter.js';

class PipeTransport implements TransportDriver {
  readonly kind = 'local' as const;
  constructor(private readonly opts: DriverOptions) {}

  async deliver(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    return sameForAll(addresses, await outcomeOf(() => this.deliverBatch(addresses, ctx)));
  }

  private async deliverBatch(addresses: readonly AddressItem[], ctx: TransportContext): Promise<DeliveryResult> {
    const opts = this.opts;
    const addr = addresses[0]!;
    const { ectx, returnPath, home } = await transportExpandContext(addr, ctx, opts);
    const tooBig = await sizeLimitResult(ctx, opts, ectx);
    if (tooBig) return tooBig;
    const redirected = addr.special === 'pipe' ? addr.address.replace(/^\|/, '') : undefined;
    const useRedirect = redirected !== undefined && !opts.bool('force_command');
    const raw = useRedirect ? redirected : opts.str('command');
    if (raw === undefined) return defer(`no command specified for ${opts.name} transport`);
    const path = (await expandOption(opts, 'path', ectx))?.s ?? '/bin:/usr/bin';
    let argv: string[];
    if (opts.bool('use_shell')) {
      // The whole line is expanded and given to the shell; no per-argument taint check (as exim4).
      argv = ['/bin/sh', '-c', useRedirect ? raw : (await expandRequired(raw, ectx, `command for ${opts.name} transport`)).s];
    } else {
      argv = await buildArgv({ raw, addresses, opts, ectx, fromRedirect: useRedirect, addressPipe: redirected });
      argv[0] = await resolveCommand(argv, opts, ectx, path.split(':').filter((d) => d !== ''));
    }
    const env = await pipeEnvironment(addresses, ctx, opts, ectx, { returnPath, home, path });
    const cwdOpt = await expandOption(opts, 'current_directory', ectx);
    const cwd = cwdOpt?.s ?? addr.currentDir ?? home ?? '/';
    let input: Buffer;
    try {
      input = await renderDelivery({ addresses, ctx, opts, ectx, returnPath });
    } catch (e) {
      if (e instanceof FilterFailed) return defer(e.text(true), { errno: FilterFailed.errno });
      throw e;
    }
    // pipe_as_creator: without a transport user, run as whoever submitted the message.
    const creator = opts.bool('pipe_as_creator') && !opts.isSet('user');
    const { uid, gid } = creator ? ctx.message.spool.owner : deliveryIds(addr);
    const run = await runCommand({
      argv, env, cwd, input, uid, gid,
      timeout: opts.num('timeout', 3600),
      maxOutput: opts.num('max_output', 20480),
      umask: opts.num('umask', 0o22),
    });
    return judgeRun(run, { opts, raw, argv0: argv[0]!, sender: ctx.message.spool.sender, rcpt: addr.address });
  }
}


registerTransportDriver({
  name: 'pipe',
  kind: 'local',
  create: (options) => new PipeTransport(options),
});
