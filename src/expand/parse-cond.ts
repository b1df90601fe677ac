/**
 * Parsing of `${if}` conditions (also used by filter, forall/forany, and/or). Structural
 * conditions are handled here; every other name must be in the conditions registry, whose
 * `nargs` says how many brace arguments follow.
 */
import type { CondNode, Seq } from './ast.js';
import { conditions } from './conditions/index.js';
import { ParseFail, Parser, isAlnum, withContext } from './parser.js';

const ORDINAL = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th'];

/** Read a condition name: a word, or one of < <= > >= = ==. */
function readCondName(p: Parser): string {
  const c = p.peek();
  if (c === '<' || c === '>' || c === '=') {
    p.pos++;
    if (p.peek() === '=') {
      p.pos++;
      return c + '=';
    }
    return c;
  }
  if (!isAlnum(c)) return '';
  return p.readName();
}

/**
 * Parse one condition at the current position. `where` is appended to some messages when
 * the condition is nested (e.g. ` inside "and{...}" condition`).
 */
export function parseCondition(p: Parser, where = ''): CondNode {
  p.skipWs();
  if (p.peek() === '!') {
    p.pos++;
    return { c: 'not', inner: parseCondition(p, where) };
  }
  const start = p.pos;
  const name = readCondName(p);
  if (!name) throw new ParseFail(`condition name expected, but found "${p.text.slice(start, start + 16)}"${where}`);
  switch (name) {
    case 'and':
    case 'or':
      return parseAndOr(p, name);
    case 'forall':
    case 'forany':
    case 'forall_json':
    case 'forany_json':
    case 'forall_jsons':
    case 'forany_jsons':
      return parseFor(p, name);
    case 'def':
      return parseDef(p);
    case 'first_delivery':
    case 'queue_running':
      return { c: 'flag', name };
  }
  const def = conditions.get(name);
  if (!def) throw new ParseFail(`unknown condition "${name}"${where}`);
  const nargs = def.nargs;
  if (def.nested) return { c: 'reg', name, args: parseNestedArgs(p, name, def.nested.min, nargs) };
  const literal = new Set(def.literalArgs ?? []);
  const args: Seq[] = [];
  for (let i = 0; i < nargs; i++) {
    p.skipWs();
    if (p.peek() !== '{') {
      const msg = i === 0 ? `missing { after "${name}"` : `missing ${ORDINAL[i]} string in {} after "${name}"`;
      throw new ParseFail(msg, [...args]);
    }
    p.pos++;
    args.push(literal.has(i) ? readLiteralArg(p) : readArg(p, args));
  }
  return { c: 'reg', name, args };
}

/** An argument Exim reads without `$` expansion: escapes and \N...\N apply, the first unescaped `}` ends it. */
function readLiteralArg(p: Parser): Seq {
  let s = '';
  for (;;) {
    const c = p.peek();
    if (c === undefined) throw new ParseFail('missing } at end of string');
    if (c === '}') {
      p.pos++;
      return s ? [{ k: 'lit', s }] : [];
    }
    if (c === '\\') s += p.readBackslash();
    else {
      s += c;
      p.pos++;
    }
  }
}

/** `cond {{a}{b}...}`: min..max sub-groups inside one outer group. */
function parseNestedArgs(p: Parser, name: string, min: number, max: number): Seq[] {
  const tooFew = `too few arguments or bracketing error for ${name}`;
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail(tooFew);
  p.pos++;
  const args: Seq[] = [];
  for (;;) {
    p.skipWs();
    if (p.peek() !== '{') break;
    if (args.length === max) throw new ParseFail(`Too many arguments for '' (max is ${max})`, [...args]);
    p.pos++;
    args.push(readArg(p, args));
  }
  if (p.peek() !== '}' || args.length < min) throw new ParseFail(tooFew, [...args]);
  p.pos++;
  return args;
}

/** Parse a brace argument body (after `{`), re-throwing failures with the earlier args attached. */
function readArg(p: Parser, before: ReadonlyArray<Seq | CondNode>): Seq {
  try {
    return p.parseSeq(true);
  } catch (e) {
    if (e instanceof ParseFail) throw new ParseFail(e.message, [...before, ...e.before]);
    throw e;
  }
}

function parseAndOr(p: Parser, name: 'and' | 'or'): CondNode {
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail(`missing { after "${name}"`);
  p.pos++;
  const items: CondNode[] = [];
  for (;;) {
    p.skipWs();
    if (p.peek() === '}') {
      p.pos++;
      return { c: name, items };
    }
    if (p.peek() !== '{') throw new ParseFail(`each subcondition inside an "${name}{...}" condition must be in its own {}`, [...items]);
    p.pos++;
    items.push(withBefore(items, () => withContext(` inside "${name}{...}" condition`, () => parseCondition(p), false)));
    p.skipWs();
    if (p.peek() !== '}') throw new ParseFail(`missing } at end of condition inside "${name}" group`, [...items]);
    p.pos++;
  }
}

function withBefore<T>(before: ReadonlyArray<Seq | CondNode>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ParseFail) throw new ParseFail(e.message, [...before, ...e.before]);
    throw e;
  }
}

function parseFor(p: Parser, name: string): CondNode {
  const base = name.slice(0, 6);
  const json = name.endsWith('_jsons') ? 'jsons' : name.endsWith('_json') ? 'json' : '';
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail(`missing { after "${base}"`);
  p.pos++;
  const list = p.parseSeq(true);
  p.skipWs();
  if (p.peek() !== '{') throw new ParseFail(`missing { after "${base}"`, [list]);
  p.pos++;
  const cond = withBefore([list], () => withContext(` inside "${base}" condition`, () => parseCondition(p)));
  p.skipWs();
  if (p.peek() !== '}') throw new ParseFail(`missing } at end of condition inside "${base}"`, [list]);
  p.pos++;
  return { c: 'for', all: base === 'forall', json, list, cond };
}

const HEADER_DEF = /^(h|header|bh|bheader|rh|rheader|lh|lheader)_/;

function parseDef(p: Parser): CondNode {
  if (p.peek() !== ':') throw new ParseFail('":" expected after "def"');
  p.pos++;
  const start = p.pos;
  const name = p.readName();
  const m = HEADER_DEF.exec(name);
  if (m) {
    p.pos = start + m[0].length;
    const hname = p.readHeaderName();
    if (hname.includes('}') || hname === '') throw new ParseFail('missing or misplaced { or } - could be header name not terminated by colon');
    const kind = m[1]!.startsWith('b') ? 'bh' : m[1]!.startsWith('r') ? 'rh' : m[1]!.startsWith('l') ? 'lh' : 'h';
    return { c: 'def', target: { k: 'hdr', kind, name: hname } };
  }
  if (!name) throw new ParseFail('variable name omitted after "def:"');
  return { c: 'def', target: { k: 'var', name, braced: false } };
}
