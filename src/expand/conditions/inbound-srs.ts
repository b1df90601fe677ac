/**
 * inbound_srs {local part}{secret}: Exim 4.96's native SRS check (see src/srs/native.ts).
 * $srs_recipient is set whenever the local part has the SRS0 form, even when the hash or age
 * check then fails (as exim4 does); a local part of another form leaves it as it was.
 * Like exim4, it runs even in a branch being skipped (nested expansions then empty), so an
 * unevaluated inbound_srs can still set $srs_recipient.
 */
import { nativeInboundSrs } from '../../srs/native.js';
import type { ExpandContext, TStr } from '../types.js';
import { registerCondition } from './registry.js';

export interface SrsDecoded {
  readonly address: string;
}

/** The decoding with the clock passed in: the recipient when the check passes, else null. */
export function decodeInboundSrs(localPart: string, secret: string, nowMs: number): SrsDecoded | null {
  const r = nativeInboundSrs(localPart, secret, nowMs);
  return r.valid && r.recipient !== undefined ? { address: r.recipient } : null;
}

function inboundSrs([localPart, secret]: TStr[], ctx: ExpandContext): boolean {
  const r = nativeInboundSrs(localPart!.s, secret!.s, Date.now());
  if (r.recipient !== undefined) ctx.vars.set('srs_recipient', { s: r.recipient, tainted: localPart!.tainted });
  return r.valid;
}

registerCondition({ name: 'inbound_srs', nargs: 2, runsWhenSkipping: true, fn: inboundSrs });
