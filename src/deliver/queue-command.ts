/**
 * `mailwright -q[f[f]][i][<interval>] [-R text] [-S text]`: one queue run, or with an interval a
 * queue-runner process that starts a run every interval until SIGTERM/SIGINT.
 */
import type { CliOptions } from '../cli/args.js';
import { runQueue } from './cli.js';

export async function runQueueCommand(opts: CliOptions): Promise<number> {
  const flags = opts.queueFlags ?? '';
  const run = () =>
    runQueue({
      configFile: opts.configFile,
      macros: opts.macros,
      force: flags.includes('f'),
      includeFrozen: flags.includes('ff'),
      initialOnly: flags.includes('i'),
      recipientFilter: opts.recipientFilter,
      senderFilter: opts.senderFilter,
      flagText: flags === '' ? undefined : `-q${flags}`,
    });
  if (!opts.queueInterval) {
    await run();
    return 0;
  }
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  while (!stopping) {
    await run();
    const until = Date.now() + opts.queueInterval * 1000;
    while (!stopping && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
  }
  return 0;
}
