import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHeaderFile } from '../../src/spool/header-file-read.js';
import { formatQueueAge, formatQueueEntry, formatQueueSize, spoolMessageSize, type QueueListMode } from '../../src/spool/listing.js';
import type { SpoolMessage } from '../../src/spool/types.js';
import { FIXTURES, fixtureMessages } from './fixtures.js';

interface ListingPart {
  now: number;
  entries: Array<{ id: string; age: number; fixture?: string; size?: number }>;
  listing: Record<string, string>;
}
const listing = JSON.parse(readFileSync(join(FIXTURES, 'listing.json'), 'utf8')) as { fixtures: ListingPart; synthetic: ListingPart };

/** exim4 writes the listing's bytes; our strings hold UTF-8 text, so compare on bytes. */
const asText = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');

function messagesOf(part: ListingPart): SpoolMessage[] {
  const fixtures = new Map(fixtureMessages().map((f) => [`${f.caseName}/${f.id}`, f]));
  const base = fixtures.get(`smtp-helo/${fixtureMessages('smtp-helo')[0]!.id}`)!;
  return part.entries.map((e) => {
    const f = e.fixture ? fixtures.get(e.fixture)! : base;
    const parsed = parseHeaderFile(f.h);
    const bodySize = e.size !== undefined ? e.size - spoolMessageSize(parsed.headers, 0) : f.d.length - (f.id.length + 3);
    return { ...parsed, id: e.id, received: { ...parsed.received, seconds: part.now - e.age }, bodySize };
  });
}

const MODES: Array<[string, QueueListMode]> = [
  ['-bp', 'bp'],
  ['-bpu', 'bpu'],
  ['-bpa', 'bpa'],
];

describe('queue listing as exim -bp', () => {
  for (const partName of ['fixtures', 'synthetic'] as const) {
    const part = listing[partName];
    for (const [opt, mode] of MODES) {
      it(`${opt} of the ${partName} spool matches exim4`, () => {
        const text = messagesOf(part)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((m) => formatQueueEntry(m, part.now, mode))
          .join('');
        assert.equal(text, asText(part.listing[opt]!));
      });
    }
    it(`-bpc of the ${partName} spool counts the messages`, () => {
      assert.equal(part.listing['-bpc'], `${part.entries.length}\n`);
    });
  }

  it('formats ages at every boundary', () => {
    const cases: Array<[number, string]> = [
      [0, ' 0m'], [59, ' 0m'], [60, ' 1m'], [5459, '90m'], [5460, ' 2h'], [260999, '72h'], [261000, ' 3d'], [86400 * 1000, '1000d'],
    ];
    for (const [s, want] of cases) assert.equal(formatQueueAge(s), want, String(s));
  });

  it('formats sizes with printf rounding (halves to even) and C int wrap-around', () => {
    const cases: Array<[number, string]> = [
      [0, '    0'], [1023, ' 1023'], [1024, ' 1.0K'], [1280, ' 1.2K'], [1792, ' 1.8K'], [10188, ' 9.9K'], [10189, '10.0K'],
      [10240, '  10K'], [1048575, '1024K'], [1310720, ' 1.2M'], [10485760, '  10M'], [2 ** 31, '-2147483648'],
    ];
    for (const [n, want] of cases) assert.equal(formatQueueSize(n), want, String(n));
  });
});
