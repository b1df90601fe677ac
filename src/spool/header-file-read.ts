/**
 * Parses a -H file (Exim's format, written by Exim or by Mailwright) into a SpoolMessage less
 * its body size. Works on bytes: ACL variable values and headers are length-counted in bytes
 * and may contain newlines. Accepts the obsolete `-acl <n> <len>` form (acl_c0-9, acl_m0-9)
 * and a parenthesised lookup-quoter after an option's name, which it drops.
 */
import { byteLength, bytesToString } from '../expand/operators/bytes.js';
import type { TStr } from '../expand/types.js';
import { SpoolFormatError } from './errors.js';
import { parseRecipientLine } from './recipient-line.js';
import { parseTree, treeHas } from './tree.js';
import type { SpoolHeader, SpoolMessage, SpoolRecipient } from './types.js';

export type ParsedHeaderFile = Omit<SpoolMessage, 'bodySize'>;

class Cursor {
  pos = 0;
  lineNo = 0;
  constructor(
    readonly buf: Buffer,
    readonly file: string,
  ) {}
  fail(msg: string): never {
    throw new SpoolFormatError(msg, this.file, this.lineNo);
  }
  /** Next line without its newline; undefined at end of file. */
  line(): string | undefined {
    if (this.pos >= this.buf.length) return undefined;
    const nl = this.buf.indexOf(10, this.pos);
    if (nl < 0) this.fail('missing newline');
    const s = bytesToString(this.buf.subarray(this.pos, nl));
    this.pos = nl + 1;
    this.lineNo++;
    return s;
  }
  need(): string {
    const l = this.line();
    if (l === undefined) this.fail('unexpected end of file');
    return l;
  }
  /** `n` bytes then a newline (ACL variable values). */
  counted(n: number): string {
    if (this.pos + n >= this.buf.length || this.buf[this.pos + n] !== 10) this.fail('ACL variable value shorter than its length');
    const s = bytesToString(this.buf.subarray(this.pos, this.pos + n));
    for (let i = this.pos; i <= this.pos + n; i++) if (this.buf[i] === 10) this.lineNo++;
    this.pos += n + 1;
    return s;
  }
}

export function parseHeaderFile(buf: Buffer, file = '-H'): ParsedHeaderFile {
  const c = new Cursor(buf, file);
  const nameLine = c.need();
  if (!nameLine.endsWith('-H')) c.fail('first line is not "<id>-H"');
  const id = nameLine.slice(0, -2);
  const owner = /^(\S*) (-?\d+) (-?\d+)$/.exec(c.need()) ?? c.fail('bad owner line');
  const senderLine = c.need();
  if (!senderLine.startsWith('<') || !senderLine.endsWith('>')) c.fail('sender not in angle brackets');
  const timeLine = /^(\d+) (\d+)$/.exec(c.need()) ?? c.fail('bad time line');
  const { options, tainted, aclVars, nextLine } = readOptions(c);
  const lines = new Map<number, string>([[0, nextLine]]);
  const at = (i: number): string | undefined => {
    while (!lines.has(i)) {
      const l = c.line();
      if (l === undefined) return undefined;
      lines.set(lines.size, l);
    }
    return lines.get(i);
  };
  const { tree, next } = parseTree(at, 0, (msg) => c.fail(msg));
  const countLine = at(next) ?? c.fail('missing recipient count');
  if (!/^\d+$/.test(countLine)) c.fail('bad recipient count');
  const recipients: SpoolRecipient[] = [];
  for (let i = 0; i < Number(countLine); i++) {
    const line = at(next + 1 + i) ?? c.fail('fewer recipients than counted');
    const r = parseRecipientLine(line, byteLength) ?? c.fail('bad recipient line');
    recipients.push(treeHas(tree, r.address) ? { ...r, delivered: true } : r);
  }
  if (at(next + 1 + recipients.length) !== '') c.fail('no blank line after the recipients');
  const micros = Number(String(options.get('received_time_usec') ?? '.0').replace(/^\./, '').padEnd(6, '0').slice(0, 6));
  const out: ParsedHeaderFile = {
    id,
    owner: { login: owner[1]!, uid: Number(owner[2]), gid: Number(owner[3]) },
    sender: senderLine.slice(1, -1),
    received: { seconds: Number(timeLine[1]), micros },
    warningCount: Number(timeLine[2]),
    options,
    taintedOptions: tainted,
    aclVars,
    recipients,
    headers: readHeaders(c),
    frozen: options.has('frozen'),
    ...(tree ? { nonRecipients: tree } : {}),
  };
  return out;
}

function readOptions(c: Cursor): { options: Map<string, string | true>; tainted: Set<string>; aclVars: Map<string, TStr>; nextLine: string } {
  const options = new Map<string, string | true>();
  const tainted = new Set<string>();
  const aclVars = new Map<string, TStr>();
  for (;;) {
    const line = c.need();
    if (!line.startsWith('-')) return { options, tainted, aclVars, nextLine: line };
    const isTainted = line.startsWith('--');
    const body = line.slice(isTainted ? 2 : 1);
    const sp = body.indexOf(' ');
    const name = (sp < 0 ? body : body.slice(0, sp)).replace(/\(.*\)$/, '');
    const value = sp < 0 ? true : body.slice(sp + 1);
    if (name === 'aclc' || name === 'aclm' || name === 'acl') {
      readAclVar(c, name, value, isTainted, aclVars);
      continue;
    }
    options.set(name, value);
    if (isTainted) tainted.add(name);
  }
}

function readAclVar(c: Cursor, kind: string, value: string | true, isTainted: boolean, vars: Map<string, TStr>): void {
  const m = typeof value === 'string' ? /^(\S+) (\d+)$/.exec(value) : null;
  if (!m) c.fail(`bad -${kind} line`);
  let name: string;
  if (kind === 'acl') {
    // Obsolete numbering: 0-9 are acl_c0-9, 10-19 acl_m0-9.
    const n = Number(m[1]);
    if (!(n >= 0 && n < 20)) c.fail('bad -acl variable number');
    name = n < 10 ? `acl_c${n}` : `acl_m${n - 10}`;
  } else name = `acl_${kind[3]}${m[1]}`;
  vars.set(name, { s: c.counted(Number(m[2])), tainted: isTainted });
}

function readHeaders(c: Cursor): SpoolHeader[] {
  const headers: SpoolHeader[] = [];
  const buf = c.buf;
  while (c.pos < buf.length) {
    let i = c.pos;
    while (i < buf.length && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i - c.pos < 3 || i + 1 >= buf.length || buf[i + 1] !== 0x20) c.fail('bad header length prefix');
    const len = Number(buf.toString('latin1', c.pos, i));
    const type = String.fromCharCode(buf[i]!);
    const start = i + 2;
    if (start + len > buf.length || buf[start + len - 1] !== 10) c.fail('header shorter than its length');
    const text = bytesToString(buf.subarray(start, start + len));
    headers.push({ type, text });
    for (let k = c.pos; k < start + len; k++) if (buf[k] === 10) c.lineNo++;
    c.pos = start + len;
  }
  return headers;
}
