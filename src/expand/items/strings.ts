/** String items with brace arguments: substr, length, hash, nhash, tr, sg. */
import { ExpandError, EMPTY, type TStr } from '../types.js';
import { substring, leadingBytes } from '../operators/substring.js';
import { textualHash, numericHash } from '../operators/hash.js';
import { stringToBytes, bytesToString } from '../operators/bytes.js';
import { compileRegex, globalMatches, RegexError } from '../../regex/index.js';
import { parseExpansion } from '../parser.js';
import { argumentItem, derived, type ItemHandler } from './util.js';
import { then, withCleanup, type MaybePromise } from '../maybe.js';

/** strtol over the whole argument: leading white space and a sign allowed, nothing after the digits. */
function eximNumber(s: string, item: string, positive: boolean): number {
  const m = /^[ \t\n\r\f\v]*([-+]?)(\d*)$/.exec(s);
  const n = m ? Number(`${m[1]}${m[2] || '0'}`) : NaN;
  if (Number.isNaN(n)) throw new ExpandError(`"${s}" is not a ${positive ? 'positive ' : ''}number (in "${item}" expansion)`);
  if (positive && n < 0) throw new ExpandError(`"${s}" is not a positive number (in "${item}" expansion)`);
  return n;
}

export const substrItem: ItemHandler = argumentItem((a) => {
  const subject = a[a.length - 1]!;
  const start = eximNumber(a[0]!.s, 'substr', false);
  const len = a.length === 3 ? eximNumber(a[1]!.s, 'substr', true) : undefined;
  return derived(substring(subject.s, start, len), subject);
});

export const lengthItem: ItemHandler = argumentItem(([n, subject]) => {
  return derived(leadingBytes(subject!.s, eximNumber(n!.s, 'length', true)), subject!);
});

export const hashItem: ItemHandler = argumentItem((a) => {
  const subject = a[a.length - 1]!;
  const n = eximNumber(a[0]!.s, 'hash', false);
  const m = a.length === 3 ? eximNumber(a[1]!.s, 'hash', true) : 26;
  if (m > 62) throw new ExpandError(`hash count "${m}" too big`);
  return derived(textualHash(subject.s, n, m === 0 ? 26 : m), subject);
});

export const nhashItem: ItemHandler = argumentItem((a) => {
  const subject = a[a.length - 1]!;
  const n = eximNumber(a[0]!.s, 'nhash', false);
  const m = a.length === 3 ? eximNumber(a[1]!.s, 'nhash', true) : undefined;
  if (n === 0 || m === 0) return EMPTY;
  return derived(numericHash(subject.s, n, m), subject);
});

/** Byte translation; duplicates in the from-set: last wins; a short to-set repeats its last byte. */
export const trItem: ItemHandler = argumentItem(([subject, from, to]) => {
  const toBytes = stringToBytes(to!.s);
  if (toBytes.length === 0) return subject!;
  const map = new Map<number, number>();
  stringToBytes(from!.s).forEach((b, i) => map.set(b, toBytes[Math.min(i, toBytes.length - 1)]!));
  const out = Buffer.from(stringToBytes(subject!.s).map((b) => map.get(b) ?? b));
  return derived(bytesToString(out), subject!);
});

/**
 * Global substitution. The replacement (already expanded once) is expanded again for every
 * match with $0..$9 set to the match and its groups.
 */
export const sgItem: ItemHandler = argumentItem(([subject, pattern, replacement], _node, ev) => {
  let re;
  try {
    re = compileRegex(pattern!.s);
  } catch (e) {
    if (e instanceof RegexError) throw new ExpandError(`regular expression error in "${pattern!.s}": ${e.message} at offset ${e.offset}`);
    throw e;
  }
  const repl = parseExpansion(replacement!.s);
  const s = subject!.s;
  // The regex module knows PCRE's rule for the match after an empty one (Exim's ${sg} loop).
  const matches = [...globalMatches(re, s)];
  const saved = ev.ctx.numeric;
  const parts: TStr[] = [];
  const restore = (): void => {
    ev.ctx.numeric = saved;
  };
  return withCleanup(
    () => then(replaceFrom(0), () => joinParts(parts, s, matches, subject!)),
    restore,
  );

  /** Append the text before match i and its expanded replacement, then continue with i + 1. */
  function replaceFrom(i: number): MaybePromise<void> {
    for (let k = i; k < matches.length; k++) {
      const m = matches[k]!;
      parts.push({ s: s.slice(k === 0 ? 0 : matches[k - 1]!.end, m.index), tainted: subject!.tainted });
      ev.ctx.numeric = m.groups.map((g) => ({ s: g ?? '', tainted: subject!.tainted }));
      const r = ev.seqM(repl);
      if (r instanceof Promise) {
        return r.then((v) => {
          parts.push(v);
          return replaceFrom(k + 1);
        });
      }
      parts.push(r);
    }
    return undefined;
  }
});

function joinParts(parts: TStr[], s: string, matches: readonly { end: number }[], subject: TStr): TStr {
  const pos = matches.length === 0 ? 0 : matches[matches.length - 1]!.end;
  if (pos < s.length) parts.push({ s: s.slice(pos), tainted: subject.tainted });
  const out = parts.map((p) => p.s).join('');
  return { s: out, tainted: out !== '' && (subject.tainted || parts.some((p) => p.tainted && p.s !== '')) };
}
