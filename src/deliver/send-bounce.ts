/**
 * Sends the failure report for a message's permanently failed addresses: composed by the
 * bounce composer (src/deliver/bounce), spooled as a new local message from `<>` with the
 * `<= <> R=<original id> U=<user> P=local S=<size>` log line, then delivered at once.
 */
import type { AddressItem } from '../route/types.js';
import { spoolMessageSize } from '../spool/listing.js';
import type { SpoolHeader, SpoolMessage } from '../spool/types.js';
import { createExpandContext } from '../expand/index.js';
import { untainted } from '../expand/types.js';
import { hasHeader, parseMessage, receivedHeader, rfc822Date } from '../smtp/server/message.js';
import type { DeliveryDeps } from './types.js';
import { callerLogin } from '../util/caller-login.js';

/** Spools a locally generated message and logs its arrival; returns the new id. */
export async function spoolLocalMessage(
  deps: DeliveryDeps,
  content: { sender: string; recipients: readonly string[]; headers: SpoolMessage['headers']; body: Buffer },
  parentId?: string,
): Promise<string> {
  const pending = await deps.spool.begin();
  await pending.body.write(content.body);
  const now = deps.now();
  const login = callerLogin();
  const headers = await localHeaders(deps, content, pending.id, login, now);
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
    headers,
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

/**
 * Received (from received_header_text, as for any local message) before the composed headers,
 * Message-Id and Date after them when missing: the layout of a bounce Exim has spooled.
 */
async function localHeaders(deps: DeliveryDeps, content: { sender: string; recipients: readonly string[]; headers: SpoolMessage['headers'] }, id: string, login: string, now: number): Promise<SpoolHeader[]> {
  const ctx = createExpandContext({ config: deps.view, lookups: deps.lookups });
  ctx.vars.set('received_protocol', untainted('local'));
  ctx.vars.set('message_exim_id', untainted(id));
  ctx.vars.set('message_id', untainted(id));
  ctx.vars.set('sender_ident', untainted(login));
  if (content.sender !== '') ctx.vars.set('sender_address', untainted(content.sender));
  if (content.recipients.length === 1) ctx.vars.set('received_for', untainted(content.recipients[0]!));
  const date = new Date(now * 1000);
  const raw = deps.config.mainOption('received_header_text');
  const received = await receivedHeader(typeof raw === 'string' ? raw : undefined, ctx, date, (why) =>
    deps.log.write(['main', 'panic'], `Expansion of "${String(raw)}" (received_header_text) failed: ${why}`, id),
  );
  const out: SpoolHeader[] = [received, ...content.headers];
  const domain = String(deps.config.mainOption('message_id_header_domain') ?? deps.config.mainOption('primary_hostname') ?? '');
  if (!hasHeader(content.headers, 'Message-ID')) out.push({ type: 'I', text: `Message-Id: <E${id}@${domain}>\n` });
  if (!hasHeader(content.headers, 'Date')) out.push({ type: ' ', text: `Date: ${rfc822Date(date)}\n` });
  return out;
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

/**
 * Composes and spools the bounce; delivers it at once unless `deliverLater`, in which case the
 * new id is returned for the caller to deliver (-Mg: after the original is completed, as Exim).
 */
export async function sendBounce(original: SpoolMessage, failed: readonly AddressItem[], deps: DeliveryDeps, deliverLater = false): Promise<string | undefined> {
  if (!deps.bounce) {
    deps.log.write(['main', 'panic'], 'no bounce composer configured: failure report not sent', original.id);
    return undefined;
  }
  const body = await deps.spool.readBody(original.id);
  const report = await deps.bounce.compose(original, body, failed, new Date(deps.now() * 1000));
  if (!report) return undefined;
  if (deliverLater) return spoolLocalMessage(deps, report, original.id);
  await sendReport(report, original.id, deps);
  return undefined;
}

/**
 * A message a transport generated (autoreply, quota warning): spooled as a local message
 * and delivered at once. `text` is the header section and body with LF line ends.
 */
export async function submitGenerated(deps: DeliveryDeps, sender: string, recipients: readonly string[], text: string, parentId: string): Promise<void> {
  const parsed = parseMessage(text);
  await sendReport({ sender, recipients, headers: parsed.headers, body: Buffer.from(parsed.body, 'utf8') }, parentId, deps);
}

/** Spools a generated message (bounce, warning, DSN, autoreply) and delivers it at once, as Exim does. */
export async function sendReport(report: { sender: string; recipients: readonly string[]; headers: SpoolMessage['headers']; body: Buffer }, parentId: string, deps: DeliveryDeps): Promise<void> {
  const id = await spoolLocalMessage(deps, report, parentId);
  // Imported lazily to keep the module graph acyclic.
  const { deliverMessage } = await import('./deliver-message.js');
  await deliverMessage(id, deps);
}
