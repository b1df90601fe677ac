/**
 * Writing an accepted local message to the spool with the -H options exim4 4.96 writes for
 * local input (ident, protocol, line counts, auth_id/auth_sender and -local when the sender is
 * the caller, allow_unqualified_*, deliver_firsttime, localerror, sender_set_untrusted,
 * tls_resumption A), then the "<=" line: `<= sender [R=id] U=login P=local S=size [id=...]`.
 * A discarded message is logged and not kept.
 */
import type { AclControls } from '../../acl/types.js';
import type { ExpandContext } from '../../expand/types.js';
import type { PendingSpoolMessage } from '../../spool/types.js';
import { headerValue, messageSize, type ParsedMessage } from '../../smtp/server/message.js';
import { receptionLine } from '../../log/lines/reception.js';
import { treeInsert } from '../../spool/tree.js';
import type { SenderChoice } from './sender.js';
import type { SubmitDeps, SubmitMessage } from './receive.js';

export interface Envelope {
  readonly recipients: readonly string[];
  /** The recipients as written (unqualified ones without their domain): the log's "for" list. */
  readonly written: readonly string[];
  /** -t: command-line addresses not to deliver to (the non-recipients tree). */
  readonly nonRecipients: readonly string[];
}

export interface CommitInput {
  readonly deps: SubmitDeps;
  readonly ctx: ExpandContext;
  readonly controls: AclControls;
  readonly message: ParsedMessage;
  readonly choice: SenderChoice;
  readonly envelope: Envelope;
  readonly now: Date;
  readonly m: SubmitMessage;
  /** The Message-ID the submitter wrote (id= on the log line), if any. */
  readonly clientMessageId?: string;
  readonly discarded: boolean;
}

export async function commitLocalMessage(pending: PendingSpoolMessage, c: CommitInput): Promise<void> {
  const { deps, message, choice } = c;
  const size = messageSize(message);
  if (c.discarded) {
    await pending.abandon();
    logArrival(c, pending.id, size);
    deps.log.write(['main'], '=> blackhole (non-SMTP ACL discarded recipients)', pending.id);
    deps.log.write(['main'], 'Completed', pending.id);
    return;
  }
  await pending.body.write(Buffer.from(message.body, 'latin1'));
  await pending.commit({
    sender: choice.sender,
    recipients: c.envelope.recipients.map((address) => ({ address })),
    // exim4 adds the -t command-line addresses to the tree last one first.
    nonRecipients: c.envelope.nonRecipients.length > 0 ? treeInsert(undefined, ...[...c.envelope.nonRecipients].reverse()) : undefined,
    headers: message.headers,
    owner: { login: deps.caller.login, uid: deps.caller.uid, gid: deps.caller.gid },
    received: { seconds: Math.floor(c.now.getTime() / 1000), micros: (c.now.getTime() % 1000) * 1000 },
    warningCount: 0,
    options: spoolOptions(c),
    taintedOptions: new Set(c.m.receivedProtocol !== undefined ? ['received_protocol'] : []),
    aclVars: new Map([...c.ctx.vars].filter(([k]) => k.startsWith('acl_c') || k.startsWith('acl_m'))),
    frozen: c.controls.set.has('freeze') ? true : undefined,
  });
  logArrival(c, pending.id, size);
  if (c.controls.set.has('freeze')) deps.log.write(['main'], 'frozen by ACL', pending.id);
}

function spoolOptions(c: CommitInput): Map<string, string | true> {
  const o = new Map<string, string | true>();
  const login = c.deps.caller.login;
  o.set('ident', login);
  o.set('received_protocol', c.m.receivedProtocol ?? 'local');
  o.set('body_linecount', String(c.message.bodyLines));
  o.set('max_received_linelength', String(c.message.maxLineLength));
  if (c.choice.senderLocal || c.choice.callerAuthenticated) o.set('auth_id', login);
  if (c.choice.senderLocal) o.set('auth_sender', c.choice.sender);
  if (!c.m.noQualify) {
    o.set('allow_unqualified_recipient', true);
    o.set('allow_unqualified_sender', true);
  }
  o.set('deliver_firsttime', true);
  if (c.choice.senderLocal) o.set('local', true);
  if (c.m.localError) o.set('localerror', true);
  if (c.choice.setUntrusted) o.set('sender_set_untrusted', true);
  // exim4 writes the (absent) incoming TLS resumption state for local messages too.
  o.set('tls_resumption', 'A');
  return o;
}

function logArrival(c: CommitInput, id: string, size: number): void {
  const line = receptionLine(
    {
      sender: c.choice.sender,
      reference: c.m.localErrorFor,
      host: { ident: c.deps.caller.login },
      protocol: c.m.receivedProtocol ?? 'local',
      size,
      messageIdHeader: c.clientMessageId?.replace(/^<|>$/g, ''),
      subject: headerValue(c.message.headers, 'Subject'),
      recipients: c.envelope.written,
    },
    c.deps.log.selectors,
  );
  c.deps.log.write(['main'], line, id);
}
