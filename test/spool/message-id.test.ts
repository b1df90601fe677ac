import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MessageIdAllocator } from '../../src/spool/id-allocator.js';
import {
  formatMessageId,
  formatOldMessageId,
  fromBase62,
  isMessageId,
  messageIdFormat,
  messageIdTime,
  parseMessageId,
  spoolSubdirectory,
  toBase62,
} from '../../src/spool/message-id.js';
import { SpoolError } from '../../src/spool/errors.js';
import { fixtureMessages } from './fixtures.js';

describe('message ids', () => {
  it('base 62 uses digits, upper then lower case', () => {
    assert.equal(toBase62(0, 3), '000');
    assert.equal(toBase62(61, 2), '0z');
    assert.equal(toBase62(62, 2), '10');
    assert.equal(toBase62(1700000000, 6), '1r31eq');
    assert.equal(fromBase62('1r31eq'), 1700000000n);
    assert.equal(toBase62(2n ** 64n - 1n, 11), 'LygHa16AHYF');
    assert.throws(() => fromBase62('a-b'), SpoolError);
  });

  it('formats the 23-character layout: seconds, pid, microseconds', () => {
    const id = formatMessageId({ seconds: 1700000000, pid: 4242, micros: 999999 });
    assert.equal(id, '1r31eq-0000000016Q-4C91');
    assert.equal(id.length, 23);
    assert.equal(messageIdFormat(id), 'current');
    assert.deepEqual(parseMessageId(id), { format: 'current', seconds: 1700000000, pid: 4242, fraction: 999999 });
    assert.deepEqual(messageIdTime(id), { seconds: 1700000000, pid: 4242, micros: 999999 });
  });

  it('with localhost_number, counts 2 us units above number * 500000', () => {
    const id = formatMessageId({ seconds: 1700000000, pid: 1, micros: 123457 }, 3);
    assert.equal(parseMessageId(id).fraction, 3 * 500000 + 61728);
    assert.equal(messageIdTime(id, 3).micros, 123456);
    // The largest value (localhost_number 16) still fits four digits.
    assert.equal(formatMessageId({ seconds: 0, pid: 0, micros: 999999 }, 16).length, 23);
  });

  it('formats and reads the 16-character 4.96 layout', () => {
    const id = formatOldMessageId({ seconds: 1700000000, pid: 4242, micros: 999999 });
    assert.equal(id, '1r31eq-00016Q-WF'); // 1999 units of 1/2000 s
    assert.equal(messageIdFormat(id), 'old');
    assert.equal(messageIdTime(id).micros, 999500);
    assert.equal(messageIdTime(formatOldMessageId({ seconds: 1, pid: 1, micros: 15000 }, 2), 2).micros, 15000);
    for (const f of fixtureMessages()) assert.equal(messageIdFormat(f.id), 'old', f.id);
  });

  it('recognises ids and rejects near misses', () => {
    assert.ok(isMessageId('1xVXCh-00017K-1M'));
    assert.ok(isMessageId('1r31eq-0000000016Q-4C91'));
    for (const bad of ['', '1xVXCh-00017K-1', '1xVXCh_00017K-1M', '1xVXCh-00017K-1M-H', '1r31eq-000000016Q-4C91', '1xVX?h-00017K-1M']) {
      assert.equal(isMessageId(bad), false, bad);
    }
    assert.throws(() => parseMessageId('nope'), SpoolError);
  });

  it('split_spool_directory uses the 6th character (last digit of the seconds)', () => {
    assert.equal(spoolSubdirectory('1r31eq-0000000016Q-4C91'), 'q');
    assert.equal(spoolSubdirectory('1xVXCh-00017K-1M'), 'h');
  });
});

describe('id allocation', () => {
  it('never repeats within a process, even when the clock stands still or steps back', () => {
    let t = 1700000000000000n;
    const clock = (): bigint => t;
    const a = new MessageIdAllocator({ pid: 77, clock });
    const first = a.next();
    assert.equal(first.id, formatMessageId({ seconds: 1700000000, pid: 77, micros: 0 }));
    const second = a.next(); // clock stuck: after the spin budget, counts on
    assert.equal(second.time.micros, 1);
    t -= 5000000n; // clock stepped back five seconds
    const third = a.next();
    assert.equal(third.time.micros, 2);
    t = 1700000001000000n;
    assert.equal(a.next().time.seconds, 1700000001);
  });

  it('waits for the clock to tick when it moves', () => {
    let calls = 0;
    const clock = (): bigint => 1700000000000000n + BigInt(Math.floor(calls++ / 3));
    const a = new MessageIdAllocator({ pid: 5, clock });
    const ids = [a.next(), a.next(), a.next()].map((x) => x.time.micros);
    assert.deepEqual(ids, [0, 1, 2]);
  });

  it('gives unique ids to thousands of concurrent messages on the real clock', () => {
    const a = new MessageIdAllocator();
    const ids = new Set<string>();
    for (let i = 0; i < 20000; i++) ids.add(a.next().id);
    assert.equal(ids.size, 20000);
    const sample = [...ids][0]!;
    assert.equal(parseMessageId(sample).pid, process.pid);
  });

  it('old-format allocation steps in 500 us units', () => {
    let t = 1700000000000000n;
    const a = new MessageIdAllocator({ pid: 9, clock: () => t, oldFormat: true });
    const x = a.next();
    t += 100n;
    const y = a.next();
    assert.equal(x.id.length, 16);
    assert.notEqual(x.id, y.id);
    assert.equal(y.time.micros, 500);
  });
});
