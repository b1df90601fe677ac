/**
 * Allocation of new message ids with Exim's uniqueness argument: an id is the reception time
 * (to the microsecond) plus the pid, and no two ids are handed out by one process within the
 * same microsecond. Exim gets there by waiting for the clock to tick after each message; a
 * Mailwright process serves many messages concurrently, so the allocator remembers the last
 * time it used and waits (spins: a microsecond is far shorter than a timer) until the clock has
 * moved past it. Other processes have other pids; a later process reusing this pid starts long
 * after the last microsecond used here. Should the wall clock step backwards by more than the
 * spin limit, the allocator keeps counting from its last value instead: ids stay unique, and
 * their time part runs a little ahead until the clock catches up.
 */
import { formatMessageId, formatOldMessageId, type MessageIdTime } from './message-id.js';

export interface IdAllocatorOptions {
  readonly pid?: number;
  /** Main option localhost_number, when set. */
  readonly localhostNumber?: number;
  /** Clock in microseconds since the epoch (tests inject one). */
  readonly clock?: () => bigint;
  /** Write 16-character (4.96) ids instead of 23-character ones. */
  readonly oldFormat?: boolean;
}

const SPIN_LIMIT_MS = 2;

/** Wall clock with microsecond resolution: the epoch offset of the monotonic clock plus its reading. */
export function wallClockMicros(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
}

export class MessageIdAllocator {
  private last = -1n;
  private readonly pid: number;
  private readonly clock: () => bigint;
  /** Time resolution of the id's sub-second field, in microseconds. */
  private readonly tick: bigint;

  constructor(private readonly options: IdAllocatorOptions = {}) {
    this.pid = options.pid ?? process.pid;
    this.clock = options.clock ?? wallClockMicros;
    if (options.oldFormat) this.tick = options.localhostNumber === undefined ? 500n : 5000n;
    else this.tick = options.localhostNumber === undefined ? 1n : 2n;
  }

  /** A new id and the time it encodes (the message's reception time). */
  next(): { id: string; time: MessageIdTime } {
    let now = this.clock() / this.tick;
    if (now <= this.last) {
      // The budget runs on the monotonic clock: a wall clock that stepped back must not hold us.
      const deadline = performance.now() + SPIN_LIMIT_MS;
      while (now <= this.last && performance.now() < deadline) now = this.clock() / this.tick;
      if (now <= this.last) now = this.last + 1n;
    }
    this.last = now;
    const micros = now * this.tick;
    const time: MessageIdTime = { seconds: Number(micros / 1000000n), pid: this.pid, micros: Number(micros % 1000000n) };
    const id = this.options.oldFormat ? formatOldMessageId(time, this.options.localhostNumber) : formatMessageId(time, this.options.localhostNumber);
    return { id, time };
  }
}
