/**
 * plaintext: PLAIN, LOGIN and similar mechanisms. server_prompts (expanded, a colon list) gives
 * one prompt per data string wanted; data sent with AUTH and in answer to prompts is base64, each
 * piece split at NULs; once there are as many strings as prompts, server_condition decides.
 */
import { listItems } from '../../util/exim-list.js';
import type { ExpandContext } from '../../expand/types.js';
import type { DriverInstance } from '../../config/types.js';
import { decodeAuthBase64, encodeAuthBase64 } from '../base64.js';
import { outcome } from '../replies.js';
import { checkServerCondition, exchangeContext, finishExchange, stringOption, tryExpand } from '../server-common.js';
import type { AuthDriverDef, AuthStep, ServerExchange } from '../types.js';
import { makeAuthenticator } from './common.js';

class PlaintextExchange implements ServerExchange {
  private prompts: string[] = [];
  private readonly parts: string[] = [];

  constructor(
    private readonly inst: DriverInstance,
    private readonly ctx: ExpandContext,
  ) {}

  async start(initialResponse?: string): Promise<AuthStep> {
    const promptText = stringOption(this.inst, 'server_prompts');
    if (promptText !== undefined) {
      const r = await tryExpand(promptText, this.ctx);
      if (!r.ok) return { done: outcome('defer', { logDetail: r.message }) };
      this.prompts = listItems(r.value);
    }
    if (initialResponse !== undefined) {
      // RFC 4954: a lone "=" is an empty initial response.
      const data = initialResponse === '=' ? '' : decodeAuthBase64(initialResponse);
      if (data === null) return { done: outcome('bad64') };
      this.parts.push(...data.split('\0'));
    }
    return this.next();
  }

  async continue(response: string): Promise<AuthStep> {
    // Only a bare "*" cancels; " * " is bad base64 (exim4 -bh).
    if (response === '*') return { done: outcome('cancelled') };
    const data = decodeAuthBase64(response);
    if (data === null) return { done: outcome('bad64') };
    this.parts.push(...data.split('\0'));
    return this.next();
  }

  private async next(): Promise<AuthStep> {
    if (this.parts.length < this.prompts.length) return { challenge: encodeAuthBase64(this.prompts[this.parts.length]!) };
    const ctx = exchangeContext(this.ctx, this.parts);
    const condition = stringOption(this.inst, 'server_condition');
    // Without server_condition the instance is not a server; reaching here means a caller bug.
    const verdict = condition === undefined ? outcome('fail') : await checkServerCondition(condition, ctx);
    return { done: await finishExchange(this.inst, ctx, verdict) };
  }
}

export const plaintextDriver: AuthDriverDef = {
  name: 'plaintext',
  create: (inst) =>
    makeAuthenticator(inst, {
      isServer: stringOption(inst, 'server_condition') !== undefined,
      isClient: stringOption(inst, 'client_send') !== undefined,
      exchange: (ctx) => new PlaintextExchange(inst, ctx),
    }),
};
