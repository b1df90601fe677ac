/**
 * Client sides of plaintext and cram_md5 as pure, socket-free steps, for the smtp transport.
 * Expansion failures: forced → skip this authenticator (try the next); other → error (the
 * transport defers). Not yet run against a live server; behaviour follows the 4.96 manual.
 */
import { listItems } from '../util/exim-list.js';
import { tainted, type ExpandContext } from '../expand/types.js';
import type { DriverInstance } from '../config/types.js';
import { decodeAuthBase64, encodeAuthBase64 } from './base64.js';
import { cramMd5Digest } from './drivers/cram-md5.js';
import { boolOption, stringOption, tryExpand } from './server-common.js';

export type ClientStep =
  | { readonly send: string } // a line to send (base64, or `*` to give up)
  | { readonly skip: true } // forced expansion failure: try the next authenticator
  | { readonly error: string }; // expansion error

/** `^` stands for NUL in client_send strings; `^^` for a real circumflex. */
export function clientSendBytes(text: string): string {
  return text.replace(/\^\^|\^/g, (m) => (m === '^^' ? '^' : '\0'));
}

/** The data for `AUTH <mech> <data>` and the answers to prompts, one expansion at a time. */
export class PlaintextClient {
  private readonly items: string[];
  private index = 0;
  private readonly prompts: string[] = [];

  constructor(
    private readonly inst: DriverInstance,
    private readonly ctx: ExpandContext,
  ) {
    this.items = listItems(stringOption(inst, 'client_send') ?? '');
  }

  /** Data for the AUTH line itself: `{ send: '' }` means send AUTH with no data. */
  async initial(): Promise<ClientStep> {
    return this.expandNext();
  }

  /** Answer a `334 <challenge>` line (the text after `334 `). */
  async respond(challenge: string): Promise<ClientStep> {
    let prompt = decodeAuthBase64(challenge);
    if (prompt === null) {
      if (!boolOption(this.inst, 'client_ignore_invalid_base64')) return { send: '*' };
      prompt = '';
    }
    this.prompts.push(prompt);
    if (this.index >= this.items.length) return { send: '*' };
    return this.expandNext();
  }

  private async expandNext(): Promise<ClientStep> {
    const vars = new Map(this.ctx.vars);
    for (let i = 0; i < 3; i++) vars.set(`auth${i + 1}`, tainted(this.prompts[i] ?? ''));
    const r = await tryExpand(this.items[this.index++] ?? '', { ...this.ctx, vars });
    if (!r.ok) return r.forced ? { skip: true } : { error: r.message };
    return { send: r.value === '' ? '' : encodeAuthBase64(clientSendBytes(r.value)) };
  }
}

/** The base64 CRAM-MD5 answer to a base64 challenge. */
export function cramMd5ClientResponse(challengeB64: string, name: string, secret: string): string | null {
  const challenge = decodeAuthBase64(challengeB64);
  if (challenge === null) return null;
  return encodeAuthBase64(`${name} ${cramMd5Digest(secret, challenge)}`);
}

/** cram_md5 as a client: client_name (default the primary host name) and client_secret. */
export async function cramMd5ClientStep(inst: DriverInstance, ctx: ExpandContext, challengeB64: string, primaryHostname: string): Promise<ClientStep> {
  const secretText = stringOption(inst, 'client_secret');
  if (secretText === undefined) return { skip: true };
  const name = await tryExpand(stringOption(inst, 'client_name') ?? primaryHostname, ctx);
  if (!name.ok) return name.forced ? { skip: true } : { error: name.message };
  const secret = await tryExpand(secretText, ctx);
  if (!secret.ok) return secret.forced ? { skip: true } : { error: secret.message };
  const response = cramMd5ClientResponse(challengeB64, name.value, secret.value);
  return response === null ? { send: '*' } : { send: response };
}
