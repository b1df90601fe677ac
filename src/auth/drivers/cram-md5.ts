/**
 * cram_md5 (RFC 2195). The server sends `<pid.time@primary_hostname>`; the client answers
 * `user hexdigest` where the digest is HMAC-MD5 of the challenge keyed with the shared secret.
 * The user goes to $auth1 (and $1) before server_secret is expanded: forced failure there means
 * an unknown user (fail), another failure defers. server_condition, if set, applies afterwards.
 */
import { createHmac } from 'node:crypto';
import type { ExpandContext } from '../../expand/types.js';
import type { DriverInstance } from '../../config/types.js';
import { decodeAuthBase64, encodeAuthBase64 } from '../base64.js';
import { outcome } from '../replies.js';
import { applyOptionalCondition, exchangeContext, finishExchange, stringOption, tryExpand } from '../server-common.js';
import type { AuthDriverDef, AuthOutcome, AuthServices, AuthStep, ServerExchange } from '../types.js';
import { makeAuthenticator } from './common.js';

export function cramMd5Digest(secret: string, challenge: string): string {
  return createHmac('md5', Buffer.from(secret, 'latin1')).update(challenge, 'latin1').digest('hex');
}

export function cramMd5Challenge(services: AuthServices): string {
  const pid = services.pid ?? process.pid;
  const now = services.now ? services.now() : Math.floor(Date.now() / 1000);
  return `<${pid}.${now}@${services.primaryHostname}>`;
}

class CramMd5Exchange implements ServerExchange {
  private challenge = '';

  constructor(
    private readonly inst: DriverInstance,
    private readonly ctx: ExpandContext,
    private readonly services: AuthServices,
  ) {}

  async start(initialResponse?: string): Promise<AuthStep> {
    if (initialResponse !== undefined) return { done: outcome('unexpected') };
    this.challenge = cramMd5Challenge(this.services);
    return { challenge: encodeAuthBase64(this.challenge) };
  }

  async continue(response: string): Promise<AuthStep> {
    if (response === '*') return { done: outcome('cancelled') };
    const data = decodeAuthBase64(response);
    if (data === null) return { done: outcome('bad64') };
    const space = data.search(/[ \t\n\r\f\v]/);
    const user = space < 0 ? data : data.slice(0, space);
    const ctx = exchangeContext(this.ctx, [user]);
    const verdict = space < 0 ? outcome('fail') : await this.verify(data.slice(space + 1).trim(), ctx);
    return { done: await finishExchange(this.inst, ctx, verdict) };
  }

  private async verify(digest: string, ctx: ExpandContext): Promise<AuthOutcome> {
    const secretText = stringOption(this.inst, 'server_secret');
    if (secretText === undefined) return outcome('fail');
    const secret = await tryExpand(secretText, ctx);
    if (!secret.ok) return secret.forced ? outcome('fail') : outcome('defer', { logDetail: secret.message });
    // Lower-case hex only, as RFC 2195 (exim4 -bh refuses an upper-case digest).
    if (digest !== cramMd5Digest(secret.value, this.challenge)) return outcome('fail');
    return applyOptionalCondition(this.inst, ctx, outcome('ok'));
  }
}

export const cramMd5Driver: AuthDriverDef = {
  name: 'cram_md5',
  create: (inst, services) =>
    makeAuthenticator(inst, {
      isServer: stringOption(inst, 'server_secret') !== undefined,
      isClient: stringOption(inst, 'client_secret') !== undefined,
      exchange: (ctx) => new CramMd5Exchange(inst, ctx, services),
    }),
};
