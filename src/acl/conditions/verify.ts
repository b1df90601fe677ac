/**
 * verify = helo | header_syntax | header_sender | header_names_ascii | not_blind |
 * reverse_host_lookup | csa | certificate | sender[=address] | recipient, with options after
 * `/`. Parsing, option and hook errors are Exim's texts (checked against exim4 -bh). sender,
 * recipient and header_sender need routing: they go through ctx.verify (VerifyHook) and defer
 * with a log line while no hook is wired. reverse_host_lookup, csa and helo use ctx.services.dns.
 */
import { untainted } from '../../expand/types.js';
import { AclDefer, AclError } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext, AclWhere } from '../types.js';
import { whereName } from '../where.js';
import { badHeaderName, headerSyntaxProblem, noBlindRecipients } from './verify-headers.js';
import { verifyCsa, verifyHelo, verifyReverseHost } from './verify-host.js';

const KINDS = ['sender', 'recipient', 'helo', 'header_syntax', 'header_sender', 'header_names_ascii', 'not_blind', 'reverse_host_lookup', 'csa', 'certificate'] as const;
type VerifyKind = (typeof KINDS)[number];

const NO_OPTIONS: readonly VerifyKind[] = ['helo', 'header_syntax', 'header_names_ascii', 'certificate', 'csa'];
const AFTER_DATA: readonly AclWhere[] = ['data', 'mime', 'not_smtp', 'not_smtp_mime', 'quit', 'notquit', 'prdr', 'dkim'];

/** Hooks where each kind may be checked (others: "cannot verify X in ACL for Y"). */
const ALLOWED: Partial<Record<VerifyKind, readonly AclWhere[]>> = {
  header_syntax: AFTER_DATA,
  header_sender: AFTER_DATA,
  header_names_ascii: AFTER_DATA,
  not_blind: AFTER_DATA,
  sender: ['mail', 'rcpt', 'predata', 'data', 'not_smtp', 'prdr', 'dkim', 'vrfy'],
  recipient: ['rcpt', 'vrfy', 'prdr'],
};

const EXPECTED = 'expected "sender[=address]", "recipient", "helo", "header_syntax", "header_sender", "header_names_ascii" or "reverse_host_lookup"';

interface ParsedVerify {
  kind: VerifyKind;
  address?: string;
  options: string[];
}

export function parseVerify(arg: string): ParsedVerify {
  const slash = arg.indexOf('/');
  const head = slash < 0 ? arg : arg.slice(0, slash);
  const eq = head.indexOf('=');
  const word = (eq < 0 ? head : head.slice(0, eq)).trim();
  const kind = KINDS.find((k) => k === word);
  if (!kind || (eq >= 0 && kind !== 'sender')) throw new AclError(`${EXPECTED} at start of ACL condition "verify ${arg}"`);
  if (slash >= 0 && NO_OPTIONS.includes(kind)) throw new AclError(`unexpected '/' found in "${arg}" (this verify item has no options)`);
  const options = slash < 0 ? [] : arg.slice(slash + 1).split('/').map((o) => o.trim()).filter((o) => o !== '');
  return { kind, address: eq < 0 ? undefined : head.slice(eq + 1).trim(), options };
}

function checkWhere(kind: VerifyKind, ctx: AclRunContext): void {
  const allowed = ALLOWED[kind];
  if (allowed && !allowed.includes(ctx.where)) throw new AclError(`cannot verify ${kind} in ACL for ${whereName(ctx.where)}`);
}

function fail(ctx: AclRunContext, message: string): false {
  if (ctx.statement) {
    ctx.statement.userMessage = message;
    ctx.statement.logMessage = message;
  }
  return false;
}

async function viaHook(kind: 'sender' | 'recipient', address: string, options: string[], ctx: AclRunContext): Promise<boolean> {
  if (!ctx.verify) {
    ctx.log.write(['main'], `${kind} verification of <${address}> deferred: address verification needs routers (not available yet)`, ctx.messageId);
    throw new AclDefer(`${kind} verify defer: no routers available`);
  }
  const r = await ctx.verify(kind, address, options.join('/'), ctx);
  if (r.result === 'ok') return true;
  const label = kind === 'sender' ? 'Sender verify failed' : r.message ?? 'Recipient verify failed';
  if (r.result === 'defer') throw new AclDefer(r.message ?? `Could not complete ${kind} verify`, label);
  if (kind === 'sender') ctx.expand.vars.set('sender_verify_failure', untainted(r.message ?? ''));
  return fail(ctx, kind === 'sender' ? label : r.message ?? label);
}

async function evaluateVerify(p: ParsedVerify, ctx: AclRunContext): Promise<boolean> {
  const vars = ctx.expand.vars;
  switch (p.kind) {
    case 'helo':
      return verifyHelo(ctx);
    case 'header_syntax': {
      const problem = headerSyntaxProblem(ctx, (vars.get('sender_host_address')?.s ?? '') === '');
      return problem === undefined ? true : fail(ctx, problem);
    }
    case 'header_names_ascii': {
      const bad = badHeaderName(ctx);
      return bad === undefined ? true : fail(ctx, `Invalid character in header "${bad}" found`);
    }
    case 'not_blind': {
      for (const o of p.options) if (o !== 'case_insensitive') throw new AclError(`unknown option "${o}" in ACL condition "verify not_blind/${p.options.join('/')}"`);
      return noBlindRecipients(ctx, p.options.includes('case_insensitive')) ? true : fail(ctx, 'bcc recipient detected');
    }
    case 'reverse_host_lookup':
      return verifyReverseHost(ctx, p.options.includes('defer_ok'));
    case 'csa':
      return verifyCsa(ctx);
    case 'certificate':
      if ((vars.get('tls_in_cipher')?.s ?? '') === '') return fail(ctx, 'no verified certificate');
      return vars.get('tls_in_certificate_verified')?.s === '1' ? true : fail(ctx, 'no verified certificate');
    case 'sender': {
      const address = p.address ?? vars.get('sender_address')?.s ?? '';
      if (address === '') return true;
      return viaHook('sender', address, p.options, ctx);
    }
    case 'recipient': {
      const lp = vars.get('local_part')?.s ?? '';
      const domain = vars.get('domain')?.s ?? '';
      return viaHook('recipient', ctx.recipient ?? `${lp}@${domain}`, p.options, ctx);
    }
    case 'header_sender':
      return viaHook('sender', vars.get('h_sender')?.s ?? '', p.options, ctx);
  }
}

registerAclCondition({
  name: 'verify',
  kind: 'condition',
  async evaluate(value, _item, ctx) {
    const parsed = parseVerify(value.s);
    checkWhere(parsed.kind, ctx);
    return evaluateVerify(parsed, ctx);
  },
});
