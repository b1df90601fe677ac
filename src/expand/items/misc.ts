/** acl, authresults, imapfolder, and the items Mailwright does not support (clear errors). */
import { existsSync } from 'node:fs';
import { ExpandError, EMPTY, untainted, type TStr } from '../types.js';
import { derived, expandArgs, walkItem, type ItemHandler } from './util.js';
import { CERT_VARIABLES, certExtractFromValue } from '../../tls/cert-vars.js';

/** ${acl{name}{arg}...}: runs through ctx.runAcl, with $acl_arg1..9 / $acl_narg set meanwhile. */
export const aclItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const [name, ...args] = await expandArgs(node, ev);
  if (name!.s === '') return EMPTY; // an empty ACL name accepts with no message
  // Without an ACL engine no ACL exists, which Exim reports as an error from the ACL.
  if (!ev.ctx.runAcl) throw new ExpandError(`ERROR from acl "${name!.s}"`);
  const saved = ev.ctx.aclArgs;
  ev.ctx.aclArgs = args;
  try {
    const r = await ev.ctx.runAcl(name!.s, args, ev.ctx);
    switch (r.verb) {
      case 'accept':
      case 'deny':
        return untainted(r.message ?? '');
      case 'defer':
        throw new ExpandError(r.message ?? `DEFER from acl "${name!.s}"`, 'forced');
      default:
        throw new ExpandError(r.message ?? `${r.verb.toUpperCase()} from acl "${name!.s}"`);
    }
  } finally {
    ev.ctx.aclArgs = saved;
  }
};

/**
 * ${authresults{id}}: the Authentication-Results header body. Only the parts Mailwright knows
 * of (SMTP AUTH) are added; with none it is just the server id, as Exim prints then.
 */
export const authresultsItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const [id] = await expandArgs(node, ev);
  let out = `Authentication-Results: ${id!.s}`;
  const authn = ev.ctx.vars.get('sender_host_authenticated')?.s;
  const authId = ev.ctx.vars.get('authenticated_id')?.s;
  if (authn && ev.ctx.vars.get('sender_host_address')?.s) {
    out += `;\n\tauth=pass (${authn})${authId ? ` smtp.auth=${authId}` : ''}`;
  }
  return derived(out, id!);
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';

/** Modified UTF-7 for a run of characters (UTF-16BE, base64 with ',' and no padding). */
function utf7Run(run: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    bytes.push(c >> 8, c & 0xff);
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.ceil(((Math.min(3, bytes.length - i)) * 8) / 6);
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return `&${out}-`;
}

/** Courier/IMAP folder name: sep becomes '.', specials and non-ASCII are UTF-7 encoded. */
export function imapFolderName(name: string, sep: string, specials: string): string {
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run) out += utf7Run(run);
    run = '';
  };
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (ch === sep) {
      flush();
      out += '.';
    } else if (code >= 0x80 || ((ch === '.' || ch === '/') && specials.includes(ch))) {
      run += ch;
    } else if (ch === '.' || ch === '/') {
      throw new ExpandError(`imapfolder: illegal character '${ch}'`);
    } else if (ch === '&') {
      flush();
      out += '&-';
    } else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

export const imapfolderItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const [name, sepArg, specials] = await expandArgs(node, ev);
  const sep = sepArg?.s ?? '/';
  if ([...sep].length !== 1) throw new ExpandError(`IMAP folder separator must be one character, found "${sep}"`);
  return derived(imapFolderName(name!.s, sep, specials?.s ?? ''), name!);
};

/** ${perl}: Exim's own message when no perl_startup is set; Mailwright has no Perl in any case. */
export const perlItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  await expandArgs(node, ev);
  if (!ev.ctx.config.mainOption('perl_startup')) throw new ExpandError('A setting of perl_startup is needed when using the Perl interpreter');
  throw new ExpandError('${perl} is not supported yet: there is no embedded Perl interpreter');
};

/** ${dlfunc}: a missing object gives Exim's dlopen message; loading C code is not supported. */
export const dlfuncItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const [file] = await expandArgs(node, ev);
  if (!existsSync(file!.s)) {
    throw new ExpandError(`dlopen "${file!.s}" failed: ${file!.s}: cannot open shared object file: No such file or directory`);
  }
  throw new ExpandError('${dlfunc} is not supported yet: loading C functions is not possible in Mailwright');
};

/** Kept for callers of the earlier home of this helper; the implementation is in src/srs. */
export { nativeSrsEncode as srsEncode } from '../../srs/native.js';

/** Items that exist in Exim but are not implemented: they fail clearly when evaluated. */
export function unsupportedItem(name: string, why: string): ItemHandler {
  return async (node, ev, skip): Promise<TStr> => {
    if (skip) return walkItem(node, ev);
    await expandArgs(node, ev);
    throw new ExpandError(`\${${name}} is not supported yet: ${why}`);
  };
}

export const certextractItem: ItemHandler = async (node, ev, skip) => {
  const certArg = node.args[1]!;
  const v = certArg.length === 1 ? certArg[0]! : undefined;
  if (!v || v.k !== 'var' || !CERT_VARIABLES.has(v.name)) {
    throw new ExpandError('second argument of "certextract" must be a certificate variable');
  }
  if (skip) return walkItem(node, ev);
  const field = await ev.seq(node.args[0]!);
  // The TLS module holds the certificate behind the variable (src/tls/cert-vars.ts).
  const certValue = ev.ctx.vars.get(v.name);
  const timezone = ev.ctx.config.mainOption('timezone');
  const found = certExtractFromValue(field.s, certValue, { timezone: typeof timezone === 'string' ? timezone : undefined });
  if (found === undefined) return ev.yesNo(node.yesno, false, EMPTY, 'certextract', false);
  return ev.yesNo(node.yesno, true, { s: found, tainted: (certValue?.tainted ?? false) && found !== '' }, 'certextract', false);
};
