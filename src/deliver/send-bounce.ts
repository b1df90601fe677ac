/**
 * Sends the failure report for a message's permanently failed addresses: composed by the
 * bounce composer (src/deliver/bounce), spooled as a new local message from `<>` with the
 * `<= <> R=<original id> U=<user> P=local S=<size>` log line, then delivered at once.
 */
import { userInfo } from 'node:os';
import type { AddressItem } from '../route/types.js';
import { spoolMessageSize } from '../spool/listing.js';
import type { SpoolMessage } from '../spool/types.js';
import type { DeliveryDeps } from './types.js';

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 0);
  }
}

/** Spools a locally generated message and logs its arrival; returns the new id. */
export async function spoolLocalMessage(
  deps: DeliveryDeps,
  content: { sender: string; recipients: readonly string[]; headers: SpoolMessage['headers']; body: Buffer },
  parentId?: string,
): Promise<string> {
  const pending = await deps.spool.begin();
  await pending.body.write(content.body);
  const now = deps.now();
  const login = loginName();
  const options = new Map<string, string | true>([
    ['received_protocol', 'local'],
    ['body_linecount', String(countLines(content.body))],
    ['max_received_linelength', String(longestLine(content.body))],
    ['deliver_firsttime', true],
    ['local', true],
  ]);
  const saved = await pending.commit({
    sender: content.sender,
    recipients: content.recipients.map((address) => ({ address })),
    headers: content.headers,
    owner: { login, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
    received: { seconds: Math.floor(now), micros: Math.floor((now % 1) * 1e6) },
    warningCount: 0,
    options,
    aclVars: new Map(),
  });
  const size = spoolMessageSize(saved.headers, saved.bodySize);
  const from = content.sender === '' ? '<>' : content.sender;
  deps.log.write(['main'], `<= ${from}${parentId ? ` R=${parentId}` : ''} U=${login} P=local S=${size}`, saved.id);
  return saved.id;
}

function countLines(body: Buffer): number {
  let n = 0;
  for (const b of body) if (b === 0x0a) n++;
  return n;
}

function longestLine(body: Buffer): number {
  let max = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x0a) {
      max = Math.max(max, i - start);
      start = i + 1;
    }
  }
  return Math.max(max, body.length - start);
}

export async function sendBounce(original: SpoolMessage, failed: readonly AddressItem[], deps: DeliveryDeps): Promise<void> {
  if (!deps.bounce) {
    deps.log.write(['main', 'panic'], 'no bounce composer configured: failure report not sent', original.id);
    return;
  }
  const body = await deps.spool.readBody(original.id);
  const report = await deps.bounce.compose(original, body, failed, new Date(deps.now() * 1000));
  const id = await spoolLocalMessage(deps, report, original.id);
  // Delivered at once, as Exim does; imported lazily to keep the module graph acyclic.
  const { deliverMessage } = await import('./deliver-message.js');
  await deliverMessage(id, deps);
}
