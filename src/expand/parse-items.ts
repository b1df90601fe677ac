/**
 * Syntax of the `${name{...}...}` items. Most take a fixed range of brace arguments (Exim's
 * generic rule, with its "Not enough/Too many arguments" messages); the others have their own
 * shapes and messages, reproduced here.
 */
import { FAIL, type CondNode, type ExtractForm, type ItemNode, type Seq, type YesNo } from './ast.js';
import { parseCondition } from './parse-cond.js';
import { ParseFail, isAlnum, withContext, type Parser } from './parser.js';

type Before = Array<Seq | CondNode>;

interface SubsSpec {
  readonly min: number;
  readonly max: number;
  /** Message when something other than `}` follows the last argument (default: missing '}' after 'name'). */
  readonly closeMsg?: string;
  /** Message used instead of "Not enough arguments ..." (prvscheck reads its arguments in two steps). */
  readonly fewMsg?: string;
  /** Whether a brace after the maximum is "Too many arguments" (false: reported by closeMsg). */
  readonly countExtra?: boolean;
}

const GENERIC: Readonly<Record<string, SubsSpec>> = {
  acl: { min: 1, max: 10 },
  authresults: { min: 1, max: 1 },
  dlfunc: { min: 2, max: 10 },
  hash: { min: 2, max: 3 },
  hmac: { min: 3, max: 3 },
  imapfolder: { min: 1, max: 3 },
  length: { min: 2, max: 2 },
  listquote: { min: 2, max: 2 },
  nhash: { min: 2, max: 3 },
  perl: { min: 1, max: 9 },
  prvs: { min: 2, max: 3 },
  prvscheck: { min: 2, max: 3, fewMsg: "Not enough arguments for 'prvscheck' (min is 1)" },
  readfile: { min: 1, max: 2 },
  readsocket: { min: 2, max: 5, closeMsg: "missing '}' closing readsocket", countExtra: false },
  sg: { min: 3, max: 3 },
  srs_encode: { min: 3, max: 3 },
  substr: { min: 2, max: 3 },
  tr: { min: 3, max: 3 },
};

export const ITEM_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(GENERIC),
  'certextract',
  'env',
  'extract',
  'filter',
  'if',
  'listextract',
  'lookup',
  'map',
  'reduce',
  'run',
  'sort',
]);

/** Parse the item `name` (just read after `${`), or return undefined when it is not an item. */
export function parseItem(p: Parser, name: string): ItemNode | undefined {
  if (!ITEM_NAMES.has(name)) return undefined;
  const generic = GENERIC[name];
  if (generic) return parseGeneric(p, name, generic);
  switch (name) {
    case 'if':
      return parseIf(p);
    case 'lookup':
      return parseLookup(p);
    case 'extract':
      return parseExtract(p);
    case 'env':
      return parseEnv(p);
    case 'listextract':
      return parseListExtract(p);
    case 'certextract':
      return parseNamedArgsYesNo(p, name, ['field', 'cert variable']);
    case 'run':
      return parseRun(p);
    case 'filter':
      return parseListItem(p, name, ['first', 'last']);
    case 'map':
      return parseListItem(p, name, ['first', 'last']);
    case 'reduce':
      return parseListItem(p, name, ['first', 'second', 'last']);
    case 'sort':
      return parseListItem(p, name, ['list', 'comparator', 'extractor']);
  }
  return undefined;
}

/** Read `{...}` (brace already checked) recording its source text; failures carry `before`. */
function braceArg(p: Parser, before: Before, raw?: string[]): Seq {
  p.pos++;
  const start = p.pos;
  try {
    const seq = p.parseSeq(true);
    raw?.push(p.text.slice(start, p.pos - 1));
    return seq;
  } catch (e) {
    if (e instanceof ParseFail) throw new ParseFail(e.message, [...before, ...e.before]);
    throw e;
  }
}

function requireBrace(p: Parser, msg: string, before: Before): void {
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail(msg, [...before]);
}

function parseGeneric(p: Parser, name: string, spec: SubsSpec): ItemNode {
  const args: Seq[] = [];
  const raw: string[] = [];
  for (;;) {
    p.skipWs();
    if (p.peek() !== '{' || args.length === spec.max) break;
    args.push(braceArg(p, args, raw));
  }
  if (args.length < spec.min) throw new ParseFail(spec.fewMsg ?? `Not enough arguments for '${name}' (min is ${spec.min})`, args);
  if (p.peek() === '{' && spec.countExtra !== false) throw new ParseFail(`Too many arguments for '${name}' (max is ${spec.max})`, args);
  if (p.peek() !== '}') throw new ParseFail(spec.closeMsg ?? `missing '}' after '${name}'`, args);
  p.pos++;
  return { k: 'item', name, args, raw };
}

/** The optional {yes}{no} / {yes} fail part, then the closing brace of the item. */
export function parseYesNo(p: Parser, item: string, before: Before): YesNo {
  p.skipWs();
  if (p.peek() === '}') {
    p.pos++;
    return {};
  }
  if (p.peek() !== '{') {
    throw new ParseFail(`curly-bracket problem in conditional yes/no parsing: 'yes' part did not start with '{'\n remaining string is '${p.rest()}'`, before);
  }
  const yes = braceArg(p, before);
  p.skipWs();
  let no: Seq | typeof FAIL | undefined;
  if (p.peek() === '{') no = braceArg(p, [...before, yes]);
  else if (p.peek() !== '}') {
    if (p.readName() !== 'fail') throw new ParseFail(`syntax error in "${item}" item - "fail" expected`, before);
    no = FAIL;
  }
  p.skipWs();
  if (p.peek() !== '}') {
    const after = no === FAIL ? ' after forcedfail' : '';
    throw new ParseFail(`curly-bracket problem in conditional yes/no parsing: did not close with '}'${after}\n remaining string is '${p.rest()}'`, before);
  }
  p.pos++;
  return no === undefined ? { yes } : { yes, no };
}

function parseIf(p: Parser): ItemNode {
  const cond = parseCondition(p);
  const yesno = parseYesNo(p, 'if', [cond]);
  return { k: 'item', name: 'if', args: [], cond, yesno };
}

/** Lookup type spec: everything up to a brace or white space (e.g. `partial2-lsearch*@`, `dsearch,ret=full`). */
function readLookupType(p: Parser): string {
  const start = p.pos;
  while (p.pos < p.text.length && p.peek() !== '{' && !/\s/.test(p.peek()!)) p.pos++;
  return p.text.slice(start, p.pos);
}

function parseLookup(p: Parser): ItemNode {
  const args: Seq[] = [];
  p.skipWs();
  const hasKey = p.peek() === '{';
  if (hasKey) args.push(braceArg(p, args));
  p.skipWs();
  const word = readLookupType(p);
  if (!isAlnum(word[0])) throw new ParseFail('missing lookup type', args);
  // Exim checks the type before looking for the brace, so an unknown type is reported first.
  const typeCheck: ItemNode = { k: 'item', name: 'lookup', args: [], word, hasKey, typeOnly: true };
  requireBrace(p, "missing '{' for lookup file-or-query arg", [...args, [typeCheck]]);
  args.push(braceArg(p, args));
  const yesno = parseYesNo(p, 'lookup', args);
  return { k: 'item', name: 'lookup', args, word, hasKey, yesno };
}

function parseEnv(p: Parser): ItemNode {
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail('');
  const args = [braceArg(p, [])];
  return { k: 'item', name: 'env', args, yesno: parseYesNo(p, 'env', args) };
}

function parseListExtract(p: Parser): ItemNode {
  const args: Seq[] = [];
  for (let i = 1; i <= 2; i++) {
    requireBrace(p, `missing '{' for arg ${i} of listextract`, args);
    args.push(braceArg(p, args));
  }
  return { k: 'item', name: 'listextract', args, yesno: parseYesNo(p, 'listextract', args) };
}

function parseNamedArgsYesNo(p: Parser, name: string, labels: string[]): ItemNode {
  const args: Seq[] = [];
  for (const label of labels) {
    requireBrace(p, `missing '{' for ${label} arg of ${name}`, args);
    args.push(braceArg(p, args));
  }
  return { k: 'item', name, args, yesno: parseYesNo(p, name, args) };
}

function parseRun(p: Parser): ItemNode {
  let word = '';
  if (p.peek() === ',') {
    const start = p.pos;
    while (p.pos < p.text.length && p.peek() !== '{' && !/\s/.test(p.peek()!)) p.pos++;
    word = p.text.slice(start + 1, p.pos);
  }
  requireBrace(p, "missing '{' for command arg of run", []);
  const raw: string[] = [];
  const args = [braceArg(p, [], raw)];
  return { k: 'item', name: 'run', args, raw, word, yesno: parseYesNo(p, 'run', []) };
}

/** map, filter, reduce, sort: fixed arguments with their own messages; filter's second is a condition. */
function parseListItem(p: Parser, name: string, labels: string[]): ItemNode {
  const args: Seq[] = [];
  let cond: CondNode | undefined;
  for (const label of labels) {
    requireBrace(p, `missing '{' for ${label} arg of ${name}`, args);
    if (name === 'filter' && label === 'last') {
      p.pos++;
      cond = withContext(' inside "filter" item', () => parseCondition(p));
      p.skipWs();
      if (p.peek() !== '}') throw new ParseFail('missing } at end of condition inside "filter" item', args);
      p.pos++;
    } else if (label === 'last' && (name === 'map' || name === 'reduce')) {
      args.push(withContext(` inside "${name}" item`, () => braceArg(p, args)));
    } else args.push(braceArg(p, args));
  }
  p.skipWs();
  if (p.peek() !== '}') throw new ParseFail(`missing } at end of "${name}"`, args);
  p.pos++;
  return cond ? { k: 'item', name, args, cond } : { k: 'item', name, args };
}

/**
 * ${extract}: `{key}{string}` then yes/no, or `{number}{separators}{string}` then yes/no; which
 * one applies is known only after expanding the first argument, so both tails are parsed.
 */
function parseExtract(p: Parser): ItemNode {
  p.skipWs();
  let word: string | undefined;
  if (p.peek() !== '{') {
    const w = p.readName();
    if (w === 'json' || w === 'jsons') word = w;
    else throw new ParseFail("missing '{' for arg 1 of extract");
  }
  const args: Seq[] = [];
  for (let i = 1; i <= 2; i++) {
    requireBrace(p, `missing '{' for arg ${i} of extract`, args);
    args.push(braceArg(p, args));
  }
  const start = p.pos;
  const keyed = tryForm(p, () => ({ args: [], yesno: parseYesNo(p, 'extract', args) }));
  const keyedEnd = p.pos;
  p.pos = start;
  const numbered: ExtractForm = word
    ? keyed
    : tryForm(p, () => {
        requireBrace(p, "missing '{' for arg 3 of extract", args);
        const third = braceArg(p, args);
        return { args: [third], yesno: parseYesNo(p, 'extract', [...args, third]) };
      });
  const numberedEnd = word ? keyedEnd : p.pos;
  const okKeyed = !('err' in keyed);
  const okNumbered = !('err' in numbered);
  const node: ItemNode = { k: 'item', name: 'extract', args, ...(word ? { word } : {}), forms: { keyed, numbered } };
  if (!okKeyed && !okNumbered) {
    // Both shapes fail: evaluating the item reports the error of the shape actually used.
    throw new ParseFail((keyed as { err: { msg: string } }).err.msg, [[node]]);
  }
  p.pos = okKeyed ? keyedEnd : numberedEnd;
  return node;
}

function tryForm(p: Parser, fn: () => { args: Seq[]; yesno: YesNo }): ExtractForm {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ParseFail) return { err: e.errNode() };
    throw e;
  }
}
