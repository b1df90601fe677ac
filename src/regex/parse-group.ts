/**
 * Everything that starts with '(': groups, assertions, inline options, verbs, and the PCRE
 * constructs the translation refuses (recursion, conditionals, branch reset).
 */
import type { GroupKind, Node } from './ast.js';
import { PCRE_ERR } from './errors.js';
import { checkLookbehindFixed } from './fixed-length.js';
import { isDigit, type ParseOptions } from './parse-state.js';
import type { PatternParser } from './parser.js';

/** Parse a construct whose '(' is at the cursor; null when it only changed options. */
export function parseGroupOpening(p: PatternParser): Node | null {
  const st = p.st;
  const open = st.pos;
  st.pos++;
  if (st.peek() === '*' && /[A-Za-z:]/.test(st.peek(1))) return parseVerb(p, open);
  if (st.peek() !== '?') {
    if (st.opts.noAutoCapture) return parseGroupBody(p, 'noncapture', open);
    return parseGroupBody(p, 'capture', open);
  }
  st.pos++;
  const c = st.peek();
  switch (c) {
    case ':':
      st.pos++;
      return parseGroupBody(p, 'noncapture', open);
    case '>':
      st.pos++;
      return parseGroupBody(p, 'atomic', open);
    case '=':
      st.pos++;
      return parseGroupBody(p, 'lookahead', open);
    case '!':
      st.pos++;
      return parseGroupBody(p, 'neg-lookahead', open);
    case '|':
      st.pos++;
      return parseBranchResetGroup(p);
    case '(':
      return refuseConditional(p, open);
    case 'C':
      return skipCallout(p);
    case 'P':
      return parsePGroup(p, open);
    case '&':
      st.pos++;
      return refuseSubroutineByName(p, ')', open);
    case "'":
      st.pos++;
      return parseNamedGroup(p, "'", open);
    case '<': {
      const next = st.peek(1);
      if (next === '=' || next === '!') {
        st.pos += 2;
        return parseGroupBody(p, next === '=' ? 'lookbehind' : 'neg-lookbehind', open);
      }
      st.pos++;
      return parseNamedGroup(p, '>', open);
    }
  }
  if (c === 'R' || isDigit(c) || ((c === '+' || c === '-') && isDigit(st.peek(1)))) return refuseRecursion(p, open);
  return parseOptionSetting(p, open);
}

function parseGroupBody(p: PatternParser, kind: GroupKind, open: number, name?: string): Node {
  const st = p.st;
  const number = kind === 'capture' ? ++st.groupCount : undefined;
  if (name !== undefined && number !== undefined) p.defineName(name, number, st.pos);
  const saved: ParseOptions = { ...st.opts };
  const body = p.parseAlternation();
  st.opts = saved;
  if (st.peek() !== ')') throw st.error(PCRE_ERR.missingParen, st.pattern.length);
  st.pos++;
  const node: Node = { t: 'group', kind, body, number, name, offset: open };
  if (kind === 'lookbehind' || kind === 'neg-lookbehind') checkLookbehindFixed(node, st.pattern);
  return node;
}

function parseBranchResetGroup(p: PatternParser): Node {
  const st = p.st;
  const saved: ParseOptions = { ...st.opts };
  const body = p.parseBranchReset();
  st.opts = saved;
  if (st.peek() !== ')') throw st.error(PCRE_ERR.missingParen, st.pattern.length);
  st.pos++;
  return body;
}

function parseNamedGroup(p: PatternParser, terminator: string, open: number): Node {
  const name = p.readName(terminator);
  return parseGroupBody(p, 'capture', open, name);
}

/** (?P<name>...), (?P=name) backreference, (?P>name) recursion. */
function parsePGroup(p: PatternParser, open: number): Node | null {
  const st = p.st;
  const kind = st.peek(1);
  if (kind === '<') {
    st.pos += 2;
    return parseNamedGroup(p, '>', open);
  }
  if (kind === '=') {
    st.pos += 2;
    const nameStart = st.pos;
    const name = p.readName(')');
    const ref = { t: 'backref' as const, number: 0, name, caseless: st.opts.caseless, errorOffset: nameStart };
    p.backrefs.push(ref);
    return ref;
  }
  if (kind === '>') {
    st.pos += 2;
    return refuseSubroutineByName(p, ')', open);
  }
  throw st.error(PCRE_ERR.unknownAfterParen, st.pos + 1);
}

function refuseSubroutineByName(p: PatternParser, terminator: string, open: number): never {
  const st = p.st;
  const nameStart = st.pos;
  const name = p.readName(terminator);
  if (!p.names.has(name) && !laterGroupNamed(st.pattern, name)) throw st.error(PCRE_ERR.noSuchGroup, nameStart);
  throw st.unsupported('subroutine call / recursion', open);
}

function laterGroupNamed(pattern: string, name: string): boolean {
  return [`(?<${name}>`, `(?'${name}'`, `(?P<${name}>`].some((s) => pattern.includes(s));
}

function refuseRecursion(p: PatternParser, open: number): never {
  const st = p.st;
  if (st.peek() === 'R') {
    st.pos++;
    if (st.peek() !== ')') throw st.error(PCRE_ERR.recursionParen, st.pos);
    throw st.unsupported('recursion (?R)', open);
  }
  const m = /^[+-]?(\d+)/.exec(st.pattern.slice(st.pos))!;
  st.pos += m[0].length;
  if (st.peek() !== ')') throw st.error(PCRE_ERR.unknownAfterParen, st.pos);
  const n = Number(m[1]);
  if (!m[0].startsWith('-') && !m[0].startsWith('+') && n > st.totalGroupsEstimate) throw st.error(PCRE_ERR.noSuchGroup, st.pos);
  throw st.unsupported('subroutine call / recursion', open);
}

function refuseConditional(p: PatternParser, open: number): never {
  const st = p.st;
  const m = /^\((\d+)\)/.exec(st.pattern.slice(st.pos));
  if (m && Number(m[1]) > st.totalGroupsEstimate) throw st.error(PCRE_ERR.noSuchGroup, st.pos);
  throw st.unsupported('conditional group (?(...)...)', open);
}

/** Callouts compile in PCRE2 but Exim registers no callout function, so they match empty. */
function skipCallout(p: PatternParser): null {
  const st = p.st;
  const m = /^C(\d*|"[^"]*"|'[^']*'|`[^`]*`|\{[^}]*\})\)/.exec(st.pattern.slice(st.pos));
  if (!m) throw st.error(PCRE_ERR.unknownAfterParen, st.pos + 1);
  st.pos += m[0].length;
  return null;
}

/** (*VERB) inside the pattern: only (*FAIL)/(*F) can be expressed. */
function parseVerb(p: PatternParser, open: number): Node {
  const st = p.st;
  const close = st.pattern.indexOf(')', st.pos);
  const m = /^\*([A-Z_]*)(:[^)]*)?$/.exec(st.pattern.slice(st.pos, close < 0 ? undefined : close));
  const known = ['FAIL', 'F', 'ACCEPT', 'COMMIT', 'PRUNE', 'SKIP', 'THEN', 'MARK', ''];
  if (close < 0 || !m || !known.includes(m[1]!)) throw st.error(PCRE_ERR.verbUnknown, close < 0 ? st.pattern.length : close);
  st.pos = close + 1;
  if ((m[1] === 'FAIL' || m[1] === 'F') && !m[2]) return { t: 'fail' };
  throw st.unsupported(`backtracking verb (*${m[1]})`, open);
}

/** (?imnsxUJ-imnsx^) and (?flags:...). */
function parseOptionSetting(p: PatternParser, open: number): Node | null {
  const st = p.st;
  const opts: ParseOptions = { ...st.opts };
  let unset = false;
  let xCount = 0;
  if (st.peek() === '^') {
    st.pos++;
    Object.assign(opts, { caseless: false, multiline: false, dotall: false, extended: false, extendedMore: false, noAutoCapture: false, ungreedy: false });
  }
  for (;;) {
    if (st.atEnd) throw st.error(PCRE_ERR.missingParen, st.pattern.length);
    const c = st.next();
    if (c === ')') {
      st.opts = opts;
      return null;
    }
    if (c === ':') {
      const saved = st.opts;
      st.opts = opts;
      const node = parseScoped(p, open);
      st.opts = saved;
      return node;
    }
    if (c === '-' && !unset) {
      unset = true;
      continue;
    }
    if (c === 'x') {
      // (?xx) also ignores space and tab inside classes.
      xCount++;
      opts.extended = !unset;
      opts.extendedMore = !unset && xCount > 1;
      continue;
    }
    if (!applyOptionLetter(opts, c, !unset)) throw st.error(PCRE_ERR.unknownAfterParen, st.pos - 1);
  }
}

function parseScoped(p: PatternParser, open: number): Node {
  return parseGroupBody(p, 'noncapture', open);
}

function applyOptionLetter(opts: ParseOptions, c: string, on: boolean): boolean {
  switch (c) {
    case 'i':
      opts.caseless = on;
      return true;
    case 'm':
      opts.multiline = on;
      return true;
    case 's':
      opts.dotall = on;
      return true;
    case 'n':
      opts.noAutoCapture = on;
      return true;
    case 'U':
      opts.ungreedy = on;
      return true;
    case 'J':
      opts.dupNames = on;
      return true;
  }
  return false;
}
