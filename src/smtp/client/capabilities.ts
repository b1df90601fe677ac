/** What a server's EHLO (or LHLO) reply advertises (RFC 5321 4.1.1.1 and the extensions' RFCs). */
import { replyBodies, type SmtpReply } from './reply.js';

export interface Capabilities {
  readonly esmtp: boolean;
  readonly pipelining: boolean;
  readonly chunking: boolean;
  readonly startTls: boolean;
  readonly eightBitMime: boolean;
  readonly smtpUtf8: boolean;
  readonly dsn: boolean;
  /** SIZE advertised (the limit, 0 = none given). */
  readonly size?: number;
  /** AUTH mechanisms, upper case. */
  readonly auth: readonly string[];
  readonly prdr: boolean;
  readonly ignoreQuota: boolean;
  /** PIPE_CONNECT (X_PIPE_CONNECT in Exim 4.96). */
  readonly pipeConnect: boolean;
  /** Every keyword line after the first, upper case (for extension checks not listed here). */
  readonly keywords: readonly string[];
}

export const NO_CAPABILITIES: Capabilities = {
  esmtp: false,
  pipelining: false,
  chunking: false,
  startTls: false,
  eightBitMime: false,
  smtpUtf8: false,
  dsn: false,
  auth: [],
  prdr: false,
  ignoreQuota: false,
  pipeConnect: false,
  keywords: [],
};

export function parseCapabilities(reply: SmtpReply): Capabilities {
  const keywords = replyBodies(reply)
    .slice(1)
    .map((l) => l.trim());
  const upper = keywords.map((k) => k.toUpperCase());
  const has = (kw: string) => upper.some((k) => k === kw || k.startsWith(`${kw} `));
  const params = (kw: string) => upper.find((k) => k === kw || k.startsWith(`${kw} `) || k.startsWith(`${kw}=`))?.slice(kw.length + 1).trim();
  const sizeText = params('SIZE');
  const authText = params('AUTH');
  return {
    esmtp: true,
    pipelining: has('PIPELINING'),
    chunking: has('CHUNKING'),
    startTls: has('STARTTLS'),
    eightBitMime: has('8BITMIME'),
    smtpUtf8: has('SMTPUTF8'),
    dsn: has('DSN'),
    size: has('SIZE') ? Number(sizeText || 0) || 0 : undefined,
    auth: authText === undefined ? [] : authText.split(/\s+/).filter(Boolean),
    prdr: has('PRDR'),
    ignoreQuota: has('IGNOREQUOTA'),
    pipeConnect: has('X_PIPE_CONNECT') || has('PIPE_CONNECT'),
    keywords: upper,
  };
}
