// Oracle fixtures generated from Exim 4.96 by scripts/oracle/gen-regex.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileRegex, globalMatches, RegexError } from '../../src/regex/index.js';
import { RegexUnsupportedError } from '../../src/regex/errors.js';
import { bytesToString } from '../../src/expand/operators/bytes.js';

/**
 * Known, documented differences (docs/regex.md): JavaScript resets the captures of a repeated
 * group at each iteration, PCRE keeps the last value set.
 */
const KNOWN_DIFFERENCES = new Set(['(?:(a)|b)+ on "ab"']);

interface MatchCase { subject: string; pattern: string; matched?: boolean; groups?: string[]; error?: string }
interface SgCase { subject: string; pattern: string; replacement: string; result?: string; error?: string }
interface ErrorCase { pattern: string; message?: string; offset?: number; compiles?: boolean }

const load = <T>(name: string): T[] => JSON.parse(readFileSync(new URL(`../fixtures/regex/${name}`, import.meta.url), 'utf8')) as T[];

/** Fixture strings hold one char per byte; Mailwright strings are UTF-8 text with surrogate escapes. */
const mw = (byteString: string): string => bytesToString(Buffer.from(byteString, 'latin1'));

/** Same text Exim would print for a capture ($n of an unset or absent group is empty). */
function eximGroups(groups: ReadonlyArray<string | undefined>): string[] {
  return Array.from({ length: 10 }, (_, i) => groups[i] ?? '');
}

test('match results and captures agree with Exim', () => {
  const cases = load<MatchCase>('match.json');
  assert.ok(cases.length >= 100);
  for (const c of cases) {
    const label = `${c.pattern} on ${JSON.stringify(c.subject)}`;
    if (KNOWN_DIFFERENCES.has(label)) continue;
    const m = compileRegex(mw(c.pattern)).exec(mw(c.subject));
    if (!c.matched) {
      assert.equal(m, null, label);
      continue;
    }
    assert.ok(m, label);
    assert.deepEqual(eximGroups(m.groups), c.groups!.map(mw), label);
  }
});

/** Exim's ${sg} with a replacement using only $0..$9 (enough for the fixtures). */
function sg(subject: string, pattern: string, replacement: string): string {
  const re = compileRegex(pattern);
  let out = '';
  let last = 0;
  for (const m of globalMatches(re, subject)) {
    out += subject.slice(last, m.index);
    out += replacement.replace(/\\\\/g, '\\').replace(/\$(\d)/g, (_, d: string) => m.groups[Number(d)] ?? '');
    last = m.end;
  }
  return out + subject.slice(last);
}

test('${sg} global matching agrees with Exim', () => {
  for (const c of load<SgCase>('sg.json')) {
    assert.equal(sg(mw(c.subject), mw(c.pattern), c.replacement), mw(c.result!), `${c.pattern} on ${JSON.stringify(c.subject)}`);
  }
});

test('compile errors use PCRE2 messages and offsets', () => {
  for (const c of load<ErrorCase>('errors.json')) {
    if (c.compiles) {
      // Exim accepts these; the translation either handles them or says plainly it cannot.
      try {
        compileRegex(mw(c.pattern));
      } catch (err) {
        assert.ok(err instanceof RegexUnsupportedError, `${c.pattern}: ${String(err)}`);
      }
      continue;
    }
    assert.throws(
      () => compileRegex(mw(c.pattern)),
      (err: unknown) => {
        assert.ok(err instanceof RegexError, `${c.pattern}: ${String(err)}`);
        assert.equal(err.message, c.message, c.pattern);
        assert.equal(err.offset, c.offset, c.pattern);
        return true;
      },
    );
  }
});
