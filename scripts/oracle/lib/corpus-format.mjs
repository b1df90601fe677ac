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
