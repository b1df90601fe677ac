/** acl, authresults, imapfolder, and the items Mailwright does not support (clear errors). */
import { ExpandError, EMPTY, untainted, type TStr } from '../types.js';
import { derived, expandArgs, walkItem, type ItemHandler } from './util.js';

/** ${acl{name}{arg}...}: runs through ctx.runAcl, with $acl_arg1..9 / $acl_narg set meanwhile. */
export const aclItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const [name, ...args] = await expandArgs(node, ev);
  if (!ev.ctx.runAcl) throw new ExpandError(`ACL "${name!.s}" cannot be run here: ACLs are not available in this context`);
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

/** Items that exist in Exim but are not implemented: they fail clearly when evaluated. */
export function unsupportedItem(name: string, why: string): ItemHandler {
  return async (node, ev, skip): Promise<TStr> => {
    if (skip) return walkItem(node, ev);
    await expandArgs(node, ev);
    throw new ExpandError(`\${${name}} is not supported yet: ${why}`);
  };
}

export const certextractItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  await expandArgs(node, ev);
  // No TLS certificates are held by Mailwright yet: every certificate variable is empty,
  // which Exim treats as "field not found".
  return ev.yesNo(node.yesno, false, EMPTY, 'certextract', false);
};
