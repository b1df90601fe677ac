/**
 * ${run{command}{yes}{no}} and ${run,preexpand{...}}. Without preexpand the raw argument is split
 * into words first and each word expanded alone. Output (stdout and stderr together) is $value,
 * the exit code goes to $runrc; a command that cannot be executed gives 127.
 */
import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { ExpandError, untainted, type TStr } from '../types.js';
import { bytesToString, stringToBytes } from '../operators/bytes.js';
import { parseExpansion } from '../parser.js';
import { interpretEscape } from '../escapes.js';
import { walkItem, type ItemHandler } from './util.js';
import type { Evaluator } from '../evaluator.js';

/** Split a command line into words: white space separates, "..." with escapes, '...' literal. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let w = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          const { ch, len } = interpretEscape(text, i + 1);
          w += ch;
          i += 1 + len;
        } else w += text[i++];
      }
      i++;
    } else if (text[i] === "'") {
      i++;
      while (i < text.length && text[i] !== "'") w += text[i++];
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) w += text[i++];
    }
    words.push(w);
  }
  return words;
}

async function argvFromRaw(ev: Evaluator, raw: string): Promise<TStr[]> {
  const out: TStr[] = [];
  for (const word of splitCommand(raw)) {
    try {
      out.push(await ev.seq(parseExpansion(word)));
    } catch (e) {
      if (e instanceof ExpandError && e.kind === 'error') {
        throw new ExpandError(`Expansion of "${word}" from command "${raw}" in \${run} expansion failed: ${e.message}`);
      }
      throw e;
    }
  }
  return out;
}

function execute(argv: string[]): Promise<{ rc: number; output: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let child;
    try {
      // execv semantics: no PATH search, a bare name is relative to the working directory.
      child = spawn(resolvePath(argv[0]!), argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], argv0: argv[0]! });
    } catch {
      resolve({ rc: 127, output: '' });
      return;
    }
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', () => resolve({ rc: 127, output: '' }));
    child.on('close', (code, signal) => resolve({ rc: code ?? (signal ? 128 : 127), output: bytesToString(Buffer.concat(chunks)) }));
  });
}

export const runItem: ItemHandler = async (node, ev, skip) => {
  for (const opt of (node.word ?? '').split(',').filter(Boolean)) {
    if (opt !== 'preexpand') throw new ExpandError(`bad option '${opt}' for run`);
  }
  const preexpand = (node.word ?? '').split(',').includes('preexpand');
  if (skip) return walkItem(node, ev);
  let argv: TStr[];
  if (preexpand) {
    const whole = await ev.seq(node.args[0]!);
    argv = splitCommand(whole.s).map((s) => ({ s, tainted: whole.tainted }));
  } else argv = await argvFromRaw(ev, node.raw![0]!);
  if (argv[0]?.tainted || (preexpand && argv.some((a) => a.tainted))) {
    throw new ExpandError("couldn't create child process: Operation not permitted");
  }
  const { rc, output } = argv.length === 0 ? { rc: 127, output: '' } : await execute(argv.map((a) => bytesToString(stringToBytes(a.s))));
  ev.ctx.vars.set('runrc', untainted(String(rc)));
  const value = untainted(output);
  return ev.withValue(value, () => ev.yesNo(node.yesno, rc === 0, value, 'run', false));
};
