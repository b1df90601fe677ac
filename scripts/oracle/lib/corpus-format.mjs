// Shared pieces of the corpus generator: case-file parsing, stable case ids, and splitting the
// stdout of one batched `exim4 -be` run back into per-case answers.
import { createHash } from 'node:crypto';

/** Line fed between cases; it expands to itself, so its echo marks the end of each answer. */
export const SEPARATOR = '@@mailwright-corpus-separator@@';
/** Stands for the absolute checkout path inside expected outputs. */
export const REPO_PLACEHOLDER = '@REPO@';

/** Parse a case file: returns the config file name and the case inputs in order. */
export function parseCaseFile(text) {
  let config = 'main.conf';
  const cases = [];
  for (const line of text.split('\n')) {
    const directive = /^#!\s*config:\s*(\S+)\s*$/.exec(line);
    if (directive) config = directive[1];
    else if (line.startsWith('##') || line.trim() === '') continue;
    else if (line.endsWith('\\')) throw new Error(`continuation lines are not corpus cases: ${line}`);
    else cases.push(line);
  }
  return { config, cases };
}

/** Ids stay stable when cases are added or reordered: group plus a hash of the input. */
export function caseIds(group, inputs) {
  const seen = new Map();
  return inputs.map((input) => {
    const base = `${group}/${createHash('sha1').update(input).digest('hex').slice(0, 8)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  });
}

/**
 * stdout of `exim4 -be` fed "case\nSEP\n" pairs looks like
 *   "> " answer1 "\n" "> SEP\n" "> " answer2 "\n" "> SEP\n" ... "> \n"
 * (a line that prints nothing, e.g. a rejected macro definition, leaves just "> ").
 * Returns, per case, the answer text and whether a line was printed at all.
 */
export function splitBatchedOutput(stdout, count) {
  const marker = `> ${SEPARATOR}\n`;
  const end = '> \n';
  if (!stdout.endsWith(end)) throw new Error(`unexpected end of exim output: ${JSON.stringify(stdout.slice(-80))}`);
  const chunks = stdout.slice(0, -end.length).split(marker);
  if (chunks.length !== count + 1 || chunks[count] !== '') {
    throw new Error(`expected ${count} answers, got ${chunks.length - 1}`);
  }
  return chunks.slice(0, count).map((chunk) => {
    if (!chunk.startsWith('> ')) throw new Error(`answer without prompt: ${JSON.stringify(chunk)}`);
    const body = chunk.slice(2);
    return body.endsWith('\n') ? { text: body.slice(0, -1), printed: true } : { text: body, printed: false };
  });
}

/**
 * Bytes to a JS string the way mailwright represents byte strings (src/expand/operators/bytes.ts):
 * valid UTF-8 decodes normally, every other byte b becomes the lone surrogate U+DC00+b.
 */
export function bytesToEscapedString(bytes) {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]);
      i++;
    } else {
      out += bytes.toString('utf8', i, i + len);
      i += len;
    }
  }
  return out;
}

function utf8SequenceLength(b, i) {
  const c = b[i];
  if (c < 0x80) return 1;
  let need;
  let min;
  if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
  else return 0;
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const x = b[i + k];
    if (x === undefined || (x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}
