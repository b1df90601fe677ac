/**
 * The generic transport_filter option: the message (headers and body, LF line ends, before any
 * dot-stuffing or check_string escaping) goes through a command whose stdout and stderr become
 * the message written. The command is split and expanded like a pipe command.
 */
import type { DriverOptions } from '../config/driver-options.js';
import type { ExpandContext } from '../expand/types.js';
import type { AddressItem } from '../route/types.js';
import { deliveryIds } from './local-common.js';
import { buildArgv } from './pipe/command.js';
import { runCommand } from './pipe/run.js';

/** The message after transport_filter (unchanged when the option is unset or expands empty). */
export async function applyTransportFilter(
  message: Buffer,
  addresses: readonly AddressItem[],
  opts: DriverOptions,
  ectx: ExpandContext,
): Promise<Buffer> {
  const raw = opts.str('transport_filter');
  if (raw === undefined || raw.trim() === '') return message;
  const argv = await buildArgv({ raw, addresses, opts, ectx, fromRedirect: false });
  // A relative command fails at exec time, as exim4 reports it (status 127).
  if (!argv[0]!.startsWith('/')) throw new FilterFailed(127, true, false);
  const { uid, gid } = deliveryIds(addresses[0]!);
  const run = await runCommand({
    argv,
    env: { PATH: '/bin:/usr/bin' },
    cwd: '/',
    input: message,
    timeout: opts.num('transport_filter_timeout', 300),
    maxOutput: Number.MAX_SAFE_INTEGER,
    umask: 0o22,
    uid,
    gid,
  });
  if (run.timedOut) throw new FilterFailed(-1, false, true);
  if (run.execFailed || run.signal || run.code !== 0) throw new FilterFailed(run.code ?? -(run.signalNumber ?? 0), run.execFailed || run.code === 127, false);
  return run.output;
}

/**
 * The filter did not succeed. Each transport words it differently in exim4 ("transport filter
 * process failed (3) while writing to <file>" for appendfile, "Transport filter process failed
 * (3)" for pipe, lower case and nothing more for lmtp); all with errno -24.
 */
export class FilterFailed extends Error {
  static readonly errno = -24;
  constructor(readonly code: number, readonly execFailed: boolean, readonly timedOut: boolean) {
    super(`transport filter process failed (${code})`);
  }

  /** The text without a destination; `capital` for the pipe transport's form. */
  text(capital = false): string {
    // The timeout wording is not checked against exim4.
    const t = this.timedOut ? 'transport filter timed out' : `transport filter process failed (${this.code})`;
    return capital ? t[0]!.toUpperCase() + t.slice(1) : t;
  }
}
