/**
 * What the transport said about each address in this delivery attempt, for the reports that
 * are composed afterwards (the host used, the server's reply, a pipe's output).
 */
import type { AddressItem } from '../route/types.js';
import type { DeliveryResult } from '../transports/types.js';

const results = new WeakMap<AddressItem, DeliveryResult>();

export function recordResult(addr: AddressItem, r: DeliveryResult): void {
  results.set(addr, r);
}

export function resultOf(addr: AddressItem): DeliveryResult | undefined {
  return results.get(addr);
}

/** The server's reply inside Exim's "SMTP error from remote mail server after X: reply" text. */
export function smtpResponseOf(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const m = /^SMTP error from remote (?:mail|MTA) server after (?:[A-Z][A-Z ]*:<[^>]*>(?: [^:]*)?|[a-z][a-z ]*): ([\s\S]*)$/.exec(message);
  return m?.[1];
}
