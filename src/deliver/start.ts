/**
 * Starting a delivery after a message was received (or by -M): in this process and waited for
 * (-odi, -M), or in a detached child process (`mailwright -C <config> -M <id>`, the -odb
 * background delivery Exim forks for). Local submission (src/cli/submit) and the SMTP daemon call
 * this; queue_only and -odq callers simply do not.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export interface StartDeliveryOptions {
  /** -C file (absent: the default configuration search). */
  readonly configFile?: string;
  /** -D macros. */
  readonly macros?: Readonly<Record<string, string>>;
  /** true: detached child process; false: deliver here and wait. */
  readonly background: boolean;
}

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/mailwright');

export async function startDelivery(ids: readonly string[], opts: StartDeliveryOptions): Promise<void> {
  if (opts.background) {
    const args = [...(opts.configFile ? ['-C', opts.configFile] : []), ...Object.entries(opts.macros ?? {}).map(([k, v]) => `-D${k}=${v}`), '-M', ...ids];
    const child = spawn(BIN, args, { detached: true, stdio: "ignore" });
    child.unref();
    return;
  }
  const { deliverIds } = await import('./cli.js');
  await deliverIds(ids, { configFile: opts.configFile, macros: opts.macros ?? {}, force: true });
}
