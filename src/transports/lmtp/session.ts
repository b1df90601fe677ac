/**
 * One LMTP exchange (RFC 2033) as Exim's lmtp transport runs it: greeting, LHLO, MAIL, one RCPT
 * per address, DATA with the dot-stuffed CRLF message, one reply per accepted recipient, QUIT.
 * Failures get Exim's texts ("LMTP error after RCPT TO:<a>: 550 ...").
 */
import type { AddressItem } from '../../route/types.js';
import type { DeliveryResult } from '../types.js';
import { ConnectionClosed, ReplyTimeout, type LmtpChannel, type Reply } from './replies.js';
import { EXIM_ERRNO } from '../smtp/outcome.js';

export interface SessionInput {
  readonly channel: LmtpChannel;
  readonly addresses: readonly AddressItem[];
  readonly heloName: string;
  readonly sender: string;
  readonly rcpt: (a: AddressItem) => string;
  readonly ignoreQuota: boolean;
  /** The message, CRLF line ends and dot-stuffed, without the final dot. */
  readonly message: Buffer;
}

/** Exim's errno for 4xx replies at each stage, and the retry error names. */
const STAGE_ERRNO = { mail: EXIM_ERRNO.MAIL4XX, rcpt: EXIM_ERRNO.RCPT4XX, data: EXIM_ERRNO.DATA4XX } as const;

class StageFailure extends Error {
  constructor(readonly result: DeliveryResult) {
    super(result.message);
  }
}

function fromReply(after: string, r: Reply, stage?: keyof typeof STAGE_ERRNO): DeliveryResult {
  const message = `LMTP error after ${after}: ${r.text}`;
  if (r.code >= 400 && r.code < 500) {
    return stage
      ? { status: 'defer', message, errno: STAGE_ERRNO[stage], error: `${stage}_4xx` }
      : { status: 'defer', message };
  }
  return { status: 'fail', message };
}

async function expect(ch: LmtpChannel, after: string, stage?: keyof typeof STAGE_ERRNO): Promise<Reply> {
  let r: Reply;
  try {
    r = await ch.reply();
  } catch (e) {
    if (e instanceof ConnectionClosed) throw new StageFailure({ status: 'defer', message: `LMTP connection closed after ${after}`, errno: -1 });
    if (e instanceof ReplyTimeout) throw new StageFailure({ status: 'defer', message: `LMTP timeout after ${after}`, errno: -1 });
    throw e;
  }
  return r;
}

export async function runSession(s: SessionInput): Promise<Map<AddressItem, DeliveryResult>> {
  const results = new Map<AddressItem, DeliveryResult>();
  const all = (r: DeliveryResult): Map<AddressItem, DeliveryResult> => {
    for (const a of s.addresses) if (!results.has(a)) results.set(a, r);
    return results;
  };
  const ch = s.channel;
  try {
    let r = await expect(ch, 'initial connection');
    if (r.code !== 220) throw new StageFailure(fromReply('initial connection', r));
    const lhlo = `LHLO ${s.heloName}`;
    await ch.send(`${lhlo}\r\n`);
    r = await expect(ch, lhlo);
    if (r.code !== 250) throw new StageFailure(fromReply(lhlo, r));
    const ignoreQuota = s.ignoreQuota && /^250[- ]IGNOREQUOTA\b/im.test(r.text);
    const mail = `MAIL FROM:<${s.sender}>`;
    await ch.send(`${mail}\r\n`);
    r = await expect(ch, mail, 'mail');
    if (r.code !== 250) throw new StageFailure(fromReply(mail, r, 'mail'));
    const accepted: AddressItem[] = [];
    for (const a of s.addresses) {
      const rcpt = `RCPT TO:<${s.rcpt(a)}>`;
      await ch.send(`${rcpt}${ignoreQuota ? ' IGNOREQUOTA' : ''}\r\n`);
      r = await expect(ch, rcpt, 'rcpt');
      if (r.code === 250 || r.code === 251) accepted.push(a);
      else results.set(a, fromReply(rcpt, r, 'rcpt'));
    }
    if (accepted.length > 0) {
      await ch.send('DATA\r\n');
      r = await expect(ch, 'DATA', 'data');
      if (r.code !== 354) throw new StageFailure(fromReply('DATA', r, 'data'));
      await ch.send(s.message);
      await ch.send('.\r\n');
      for (const a of accepted) {
        r = await expect(ch, 'end of data', 'data');
        results.set(a, r.code === 250 ? { status: 'ok', confirmation: r.text } : fromReply('end of data', r, 'data'));
      }
    }
    await ch.send('QUIT\r\n');
    return all({ status: 'defer', message: 'LMTP: no reply for this address' });
  } catch (e) {
    if (!(e instanceof StageFailure)) throw e;
    await ch.send('QUIT\r\n');
    return all(e.result);
  }
}
