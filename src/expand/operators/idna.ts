/**
 * Internationalised mail names (EAI): utf8_domain_to_alabel, utf8_domain_from_alabel,
 * utf8_localpart_to_alabel, utf8_localpart_from_alabel.
 */
import { domainToASCII } from 'node:url';
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';
import { escapeNonPrinting } from './text.js';
import { punycodeDecode, punycodeEncode, PunycodeError } from './punycode.js';

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);
/** Stray bytes (not valid UTF-8) are held as lone surrogates U+DC80..U+DCFF. */
const hasBadUtf8 = (s: string): boolean => /[\udc80-\udcff]/.test(s);
/** IDNA2008 refuses symbols, punctuation, spaces and controls outside ASCII. */
const DISALLOWED = /[^\x00-\x7f](?<=[\p{S}\p{P}\p{Z}\p{C}])/u;
const MAX_LABEL = 63;

const toUtf8Error = (subject: string, reason: string): ExpandError =>
  new ExpandError(`error converting utf8 (${escapeNonPrinting(subject)}) to alabel: ${reason}`);
const fromAlabelError = (subject: string, reason: string): ExpandError =>
  new ExpandError(`error converting alabel (${escapeNonPrinting(subject)}) to utf8: ${reason}`);

function decodeLabel(label: string, subject: string, lenientDigits = false): string {
  try {
    return String.fromCodePoint(...punycodeDecode(label, lenientDigits));
  } catch (err) {
    if (err instanceof PunycodeError) throw fromAlabelError(subject, err.message);
    throw err;
  }
}

registerOperator({
  name: 'utf8_domain_to_alabel',
  fn(subject) {
    if (isAscii(subject)) return subject;
    if (hasBadUtf8(subject)) throw toUtf8Error(subject, 'string encoding error');
    if (DISALLOWED.test(subject)) throw toUtf8Error(subject, 'string contains a disallowed character');
    const ascii = domainToASCII(subject);
    if (ascii === '') throw toUtf8Error(subject, 'string contains a disallowed character');
    if (ascii.split('.').some((l) => l.length > MAX_LABEL)) throw toUtf8Error(subject, 'punycode encoded data will be too large');
    return ascii;
  },
});

registerOperator({
  name: 'utf8_domain_from_alabel',
  fn(subject) {
    // Labels that decode to nothing vanish together with the dot after them (observed).
    let out = '';
    const labels = subject.split('.');
    labels.forEach((label, i) => {
      const text = label.startsWith('xn--') ? decodeLabel(label.slice(4), subject) : label;
      const last = i === labels.length - 1;
      if (text === '' && label !== '' && !last) return;
      out += text + (last ? '' : '.');
    });
    return out;
  },
});

registerOperator({
  name: 'utf8_localpart_to_alabel',
  fn(subject) {
    if (isAscii(subject)) return subject;
    if (hasBadUtf8(subject)) throw toUtf8Error(subject, 'l_u2a: bad UTF-8 input');
    return 'xn--' + punycodeEncode([...subject].map((c) => c.codePointAt(0)!));
  },
});

registerOperator({
  name: 'utf8_localpart_from_alabel',
  fn(subject) {
    if (!subject.startsWith('xn--')) throw fromAlabelError(subject, 'bad alabel prefix');
    return decodeLabel(subject.slice(4), subject, true);
  },
});
