/**
 * Deliveries started by the daemon: each accepted message is delivered in this process as soon
 * as its 250 was sent (Exim forks a delivery process; here the event loop interleaves it with
 * the SMTP sessions), at most `maxParallel` at a time, unless queue_only is set. With -q<time>
 * a queue run also starts every interval. Failures of the delivery machinery itself are written
 * to the panic log; the message stays on the spool for the next queue run.
 */
import { deliverMessage } from './deliver-message.js';
import { runQueue } from './cli.js';
import type { DeliveryDeps } from './types.js';

export interface SchedulerOptions {
  /** Deliveries at once (Exim has no equivalent limit; remote_max_parallel applies inside each). */
  readonly maxParallel?: number;
  /** -q<time> with -bd: seconds between queue runs; flags as for -q (`f`, `ff`, `i`). */
  readonly queueInterval?: number;
  readonly queueFlags?: string;
}

export class DeliveryScheduler {
  private readonly waiting: string[] = [];
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private queueRun?: Promise<unknown>;
  private stopped = false;

  constructor(
    private deps: DeliveryDeps,
    private readonly opts: SchedulerOptions = {},
  ) {
    if (opts.queueInterval) this.timer = setInterval(() => this.startQueueRun(), opts.queueInterval * 1000);
  }

  /** A new configuration (SIGHUP). */
  reload(deps: DeliveryDeps): void {
    const old = this.deps;
    this.deps = deps;
    // Deliveries still running on the old services keep them until they finish.
    void Promise.allSettled([...this.running]).then(() => old.close?.());
  }

  /** Called once a message has been accepted with 250. */
  accepted(id: string): void {
    if (this.stopped || this.deps.config.mainOption('queue_only') === true) return;
    this.waiting.push(id);
    this.pump();
  }

  private pump(): void {
    const max = this.opts.maxParallel ?? 10;
    while (this.running.size < max && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const p: Promise<void> = deliverMessage(id, this.deps)
        .then(() => undefined)
        .catch((e: unknown) => this.deps.log.write(['main', 'panic'], `delivery failed: ${(e as Error).message}`, id))
        .finally(() => {
          this.running.delete(p);
          this.pump();
        });
      this.running.add(p);
    }
  }

  startQueueRun(): void {
    if (this.queueRun || this.stopped) return;
    const flags = this.opts.queueFlags ?? '';
    this.queueRun = runQueue({
      macros: {},
      deps: this.deps,
      force: flags.includes('f'),
      includeFrozen: flags.includes('ff'),
      initialOnly: flags.includes('i'),
      flagText: flags === '' ? undefined : `-q${flags}`,
    })
      .catch((e: unknown) => this.deps.log.write(['main', 'panic'], `queue run failed: ${(e as Error).message}`))
      .finally(() => {
        this.queueRun = undefined;
      });
  }

  /** Stops starting deliveries and waits for those running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.waiting.length = 0;
    await Promise.allSettled([...this.running, this.queueRun]);
    await this.deps.close?.();
  }
}
