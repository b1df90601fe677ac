/**
 * After the content of a message arrived (DATA or the last BDAT): size and loop checks, the
 * Received header and local fix-ups, the DATA ACL, storing on the spool (250 only once the spool
 * commit resolved), the "<=" log line and the reply.
 */
import type { PendingSpoolMessage, SpoolHeader } from '../../spool/types.js';
import { acceptReply, handleAclFailure, runHookAcl } from './acl-hooks.js';
import type { AclOutcome } from '../../acl/types.js';
import { messageSizeLimit } from './ehlo.js';
import { formatHostAddressOption } from '../../spool/host-address.js';
import { hasHeader, headerSource, headerType, headerValue, messageSize, parseMessage, receivedHeader, rfc822Date, type ParsedMessage } from './message.js';
import { shortMessageId } from './message-id.js';
import { fromWire, toWire } from './bytes-text.js';
import { receptionLine } from '../../log/lines/reception.js';
import type { Next, SmtpSession } from './session.js';

/** `chunking`: the content came by BDAT (the K flag of the log line; `lastChunk` precedes the 250). */
export async function finishMessage(s: SmtpSession, text: string, chunking?: { lastChunk: number; total: number }): Promise<Next> {
  const message = parseMessage(text);
  if (headerTooBig(s, message)) {
    s.resetTransaction();
    return 'continue';
  }
  for (let i = 0; i < message.headers.length; i++) message.headers[i] = { type: message.headers[i]!.type, text: fromWire(message.headers[i]!.text) };
  s.setVar('received_protocol', s.messageProtocol());
  const limit = await messageSizeLimit(s);
  const rawSize = Buffer.byteLength(text, 'latin1');
  if (limit > 0 && rawSize > limit) {
    s.logReject(`${s.hostForLog()} F=<${s.sender ?? ''}> rejected after DATA: message too big: read=${rawSize} max=${limit}`);
    s.respond(552, 'Message size exceeds maximum permitted');
    s.resetTransaction();
    return 'continue';
  }
  const pending = s.deps.spool ? await s.deps.spool.begin() : undefined;
  const id = pending?.id ?? s.deps.newMessageId?.() ?? shortMessageId(s.now(), process.pid);
  s.setVar('message_exim_id', id);
  s.lastMessageId = id;
  s.setVar('message_id', id);
  if (s.recipients.length === 1) s.setVar('received_for', s.recipients[0]!.address, true);
  // id= on the log line is the client's own Message-ID, never the one added as a fix-up.
  const clientMessageId = headerValue(message.headers, 'Message-ID');
  const received = await sessionReceivedHeader(s);
  message.headers.unshift(received);
  // Local submissions and `control = submission` get Exim's fix-ups.
  const fixups = s.isLocal || s.controls.set.has('submission');
  if (fixups && !s.controls.set.has('suppress_local_fixups')) addLocalFixups(s, message, id);
  // In the DATA ACL $message_size is what the client sent (the Received header is not counted).
  s.setVar('message_size', String(rawSize));
  applyAclHeaders(s, message);
  s.setVar('message_linecount', String(message.bodyLines));
  s.setVar('body_linecount', String(message.bodyLines));
  const acl = await runDataAcl(s, message, id);
  if (typeof acl !== 'object') {
    await pending?.abandon();
    s.resetTransaction();
    return acl;
  }
  const size = messageSize(message);
  const stored = await store(s, pending, message);
  if (stored !== 'ok') return 'continue';
  logArrival(s, id, clientMessageId, size, chunking !== undefined, headerValue(message.headers, 'Subject'));
  if (s.discardedBy !== undefined && (s.recipients.length === 0 || s.discardedBy === 'DATA')) {
    s.logMain(`=> blackhole (${s.discardedBy} ACL discarded recipients)`, id);
    s.logMain('Completed', id);
  }
  if (chunking) s.send(`250- ${chunking.lastChunk} byte chunk, total ${chunking.total}\r\n`);
  if (acl.userMessage !== undefined) acceptReply(s, '250', acl, '');
  else {
    s.respond(250, `OK id=${id}`);
  }
  if (s.deps.mode === 'bh') s.send('\n**** SMTP testing: that is not a real message id!\n\n');
  else if (s.recipients.length > 0 && s.discardedBy !== 'DATA') s.deps.onAccepted?.(id);
  s.messagesThisConnection++;
  s.resetTransaction();
  return 'continue';
}

/** header_maxsize and header_line_maxsize: Exim abandons the message with 552. */
function headerTooBig(s: SmtpSession, message: ParsedMessage): boolean {
  const total = message.headers.reduce((n, h) => n + h.text.length, 0);
  const max = s.opts.int('header_maxsize', 1048576);
  if (max > 0 && total > max) {
    s.logReject(`ridiculously long message header received from ${s.fullhostOrLocal()} (more than ${max} characters): message abandoned`);
    s.respond(552, 'Message header is ridiculously long');
    return true;
  }
  const lineMax = s.opts.int('header_line_maxsize', 0);
  if (lineMax > 0 && message.headers.some((h) => h.text.length - 1 > lineMax)) {
    s.logReject(`overlong message header line received from ${s.fullhostOrLocal()} (more than ${lineMax} characters): message abandoned`);
    s.respond(552, 'A message header line is too long');
    return true;
  }
  return false;
}

async function runDataAcl(s: SmtpSession, message: ParsedMessage, id: string): Promise<Next | AclOutcome> {
  const saved = (s.ctx as { headers?: unknown }).headers;
  (s.ctx as { headers?: unknown }).headers = headerSource(message.headers);
  try {
    const outcome = await runHookAcl(s, 'data');
    if (outcome.result === 'ok' || outcome.result === 'discard') {
      if (outcome.result === 'discard') s.discardedBy = 'DATA';
      applyAclHeaders(s, message);
      return outcome;
    }
    return handleAclFailure(s, 'data', outcome, '', undefined, id);
  } finally {
    (s.ctx as { headers?: unknown }).headers = saved;
  }
}

/** Headers queued by `add_header` / `remove_header` in the ACLs so far (the queues are emptied). */
function applyAclHeaders(s: SmtpSession, message: ParsedMessage): void {
  for (const name of s.controls.headersToRemove.splice(0)) {
    const lower = name.toLowerCase();
    message.headers = message.headers.map((h) => (h.text.slice(0, h.text.indexOf(':')).trim().toLowerCase() === lower ? { type: '*', text: h.text } : h));
  }
  for (const add of s.controls.headersToAdd.splice(0)) {
    const text = add.text.endsWith('\n') ? add.text : `${add.text}\n`;
    const h: SpoolHeader = { type: headerType(text), text };
    const name = (x: SpoolHeader) => x.text.slice(0, x.text.indexOf(':')).trim().toLowerCase();
    if (add.position === 'at_start' || add.position === 'prepend') message.headers.unshift(h);
    else if (add.position === 'after_received') {
      const i = message.headers.findIndex((x) => x.type !== 'P');
      message.headers.splice(i < 0 ? message.headers.length : i, 0, h);
    } else if (add.position === 'at_start_rfc') {
      const i = message.headers.findIndex((x) => x.type !== 'P' && !name(x).startsWith('resent-'));
      message.headers.splice(i < 0 ? message.headers.length : i, 0, h);
    } else message.headers.push(h);
  }
}

function sessionReceivedHeader(s: SmtpSession): Promise<SpoolHeader> {
  const raw = s.opts.str('received_header_text');
  return receivedHeader(raw, s.ctx, s.now(), (why) => s.deps.log.write(['main', 'panic'], `Expansion of "${raw}" (received_header_text) failed: ${why}`));
}

/** Local submissions get Message-Id, From and Date when missing (Exim's order after Received). */
function addLocalFixups(s: SmtpSession, message: ParsedMessage, id: string): void {
  const host = s.opts.str('message_id_header_domain') ?? s.activeHostname();
  if (!hasHeader(message.headers, 'Message-ID')) message.headers.push({ type: 'I', text: `Message-Id: <E${id}@${host}>\n` });
  if (!hasHeader(message.headers, 'From')) message.headers.push({ type: 'F', text: `From: ${s.sender}\n` });
  if (!hasHeader(message.headers, 'Date')) message.headers.push({ type: ' ', text: `Date: ${rfc822Date(s.now())}\n` });
}

async function store(s: SmtpSession, pending: PendingSpoolMessage | undefined, message: ParsedMessage): Promise<'ok' | 'failed'> {
  if (!pending) return 'ok';
  try {
    await pending.body.write(Buffer.from(message.body, 'latin1'));
    const now = s.now();
    await pending.commit({
      sender: s.sender ?? '',
      recipients: s.discardedBy === 'DATA' ? [] : s.recipients.map((r) => ({ address: r.address, dsnOrcpt: r.orcpt })),
      headers: message.headers,
      owner: { login: s.deps.overrides?.callerLogin ?? 'root', uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
      received: { seconds: Math.floor(now.getTime() / 1000), micros: (now.getTime() % 1000) * 1000 },
      warningCount: 0,
      options: spoolOptions(s, message),
      aclVars: new Map([...s.ctx.vars].filter(([k]) => k.startsWith('acl_c') || k.startsWith('acl_m'))),
    });
    return 'ok';
  } catch (e) {
    await pending.abandon().catch(() => undefined);
    s.deps.log.write(['main', 'panic'], `spool write failed: ${(e as Error).message}`);
    s.respond(451, 'Error while writing spool file');
    s.resetTransaction();
    return 'failed';
  }
}

function spoolOptions(s: SmtpSession, message: ParsedMessage): Map<string, string | true> {
  const o = new Map<string, string | true>();
  if (s.hostAddress !== undefined) o.set('host_address', formatHostAddressOption(s.hostAddress, s.deps.connection.remotePort)); // [ip]:port as exim4 4.96 writes
  if (s.hostAddress !== undefined) {
    const c = s.deps.connection;
    if (c.localAddress !== '') o.set('interface_address', formatHostAddressOption(c.localAddress, c.localPort));
  }
  if (s.heloName !== undefined) o.set('helo_name', s.heloName);
  if (s.hostFacts().ident !== undefined) o.set('ident', s.hostFacts().ident!);
  o.set('received_protocol', s.messageProtocol());
  o.set('body_linecount', String(message.bodyLines));
  o.set('max_received_linelength', String(message.maxLineLength));
  o.set('deliver_firsttime', true); // a new message has had no delivery attempt yet
  // Exim writes the incoming resumption bits as a letter: 'A' plus the bit value.
  o.set('tls_resumption', String.fromCharCode(65 + (s.tls?.resumption ?? 0)));
  if (s.authenticatedId !== undefined) o.set('auth_id', s.authenticatedId);
  if (s.mailParams.has('SMTPUTF8')) o.set('smtputf8', true); // exim4 writes -smtputf8 for such messages
  return o;
}

/** The "<=" line, built by the logging module in Exim's field order. */
function logArrival(s: SmtpSession, id: string, clientMessageId: string | undefined, size: number, chunked: boolean, subject?: string): void {
  const t = s.tls;
  const line = receptionLine(
    {
      sender: s.sender ?? '',
      host: s.logHost(),
      protocol: s.messageProtocol(),
      pipelining: s.hostAddress === undefined ? undefined : { advertised: s.advertised.has('PIPELINING'), used: s.pipelined, connectAdvertised: s.advertised.has('PIPECONNECT'), connectUsed: s.pipeConnectUsed },
      tls: s.tlsSession?.log ?? (t ? { cipher: t.cipher, resumed: t.resumption !== 0, certificateVerified: t.certificateVerified ? 'yes' : 'no', peerDn: t.peerDn, sni: t.sni } : undefined),
      auth: s.authenticator !== undefined ? { authenticator: s.authenticator, id: s.authenticatedId, sender: typeof s.mailParams.get('AUTH') === 'string' ? String(s.mailParams.get('AUTH')) : undefined } : undefined,
      prdr: s.mailParams.has('PRDR') && s.recipients.length > 1 ? true : undefined,
      proxyAddress: s.proxy && s.proxy.localAddress !== '' ? s.proxy.localAddress : undefined,
      chunking: chunked,
      size,
      bodyType: s.mailParams.get('BODY') === '8BITMIME' ? 8 : s.mailParams.get('BODY') === '7BIT' ? 7 : 0,
      messageIdHeader: clientMessageId?.replace(/^<|>$/g, ''),
      receiveTimeMs: s.mailTime === undefined ? undefined : s.now().getTime() - s.mailTime.getTime(),
      subject,
      recipients: s.recipients.map((r) => r.address),
    },
    s.deps.log.selectors,
  );
  s.logMain(line, id);
}
