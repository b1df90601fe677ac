/**
 * One SMTP connection: the RFC 5321 state machine, transport-independent. Bytes come in
 * through SessionIo.input, replies go out through SessionIo.write. Command handlers live in
 * cmd-*.ts and act on this object; ACL calls in acl-hooks.ts.
 */
import type { AclControls } from '../../acl/types.js';
import { createExpandContext } from '../../expand/index.js';
import { ExpandError, tainted, untainted, type ExpandContext, type TStr } from '../../expand/types.js';
import { createLookupRegistry } from '../../lookups/index.js';
import { matchHostList } from '../../match/index.js';
import { fromLoadedConfig } from '../../cli/runtime-config.js';
import { ServerOptions } from './options.js';
import { senderRcvhost, type HostFacts } from './host-text.js';
import { fullHost, hostInfo, type LogHost } from '../../log/lines/host.js';
import { reply } from './reply.js';
import { toWire } from './bytes-text.js';
import type { SessionDeps, SessionIo, TlsState } from './types.js';
import type { ProxyEndpoints } from '../proxy/index.js';
import type { TlsSession } from '../../tls/index.js';
import { runCommandLoop } from './command-loop.js';
import { connectPhase } from './connect.js';

export interface Recipient {
  readonly address: string;
  readonly notify?: string;
  readonly orcpt?: string;
}

/** What a handler asks the loop to do next. */
export type Next = 'continue' | 'close';

export class SmtpSession {
  readonly opts: ServerOptions;
  readonly ctx: ExpandContext;
  controls: AclControls = newControls();
  readonly startTime: Date;

  heloVerb?: 'HELO' | 'EHLO';
  heloName?: string;
  esmtp = false;
  advertised = new Set<string>();
  sender?: string;
  mailParams = new Map<string, string | true>();
  recipients: Recipient[] = [];
  rcptCount = 0;
  /** Reply of the failed RCPTs (for the DATA summary) while all of them were the same. */
  rcptResponse?: string;
  rcptResponseSame = true;
  /** Which ACL discarded recipients of this message (Exim's blackhole log line names it). */
  discardedBy?: 'MAIL' | 'RCPT' | 'DATA';
  /** The MAIL ACL said discard: every RCPT is accepted and thrown away. */
  mailDiscarded = false;
  lastWasRcpt = false;
  synprotErrors = 0;
  unknownCommands = 0;
  nonmailCommands = 0;
  messagesThisConnection = 0;
  /** Id of the message being received or, after it, the previous one (Exim keeps it for ACL log lines). */
  lastMessageId?: string;
  /** The client sent commands without waiting for replies (L flag with +pipelining). */
  pipelined = false;
  /** The client sent its first command before the banner (PIPE_CONNECT). */
  pipeConnectUsed = false;
  /** When the current transaction's MAIL was accepted (RT= with +receive_time). */
  mailTime?: Date;
  /** A MAIL command was seen (for +smtp_no_mail). */
  sawMail = false;
  /** Commands seen (for Exim's C= log field). */
  readonly history: string[] = [];
  tls?: TlsState;
  /** The TLS module's session (its $tls_in_* variables and log facts), when it ran the handshake. */
  tlsSession?: TlsSession;
  authenticatedId?: string;
  authenticator?: string;
  receivedProtocol: string;
  closing = false;
  /** The client as seen now: the TCP peer, or the proxied source after PROXY negotiation. */
  remote: { address: string; port: number };
  /** Set for connections from hosts_proxy. */
  proxy?: ProxyEndpoints;
  /** Chunks of a BDAT transfer in progress (undefined when none). */
  bdatChunks?: Buffer[];
  /** A chunked transfer was broken off: only RSET (or QUIT) is accepted. */
  bdatFailed = false;

  constructor(
    readonly deps: SessionDeps,
    readonly io: SessionIo,
  ) {
    this.opts = new ServerOptions(deps.config);
    this.remote = { address: deps.connection.remoteAddress, port: deps.connection.remotePort };
    this.startTime = this.now();
    this.tls = deps.tls;
    this.tlsSession = deps.tlsSession;
    this.ctx = createExpandContext({
      config: fromLoadedConfig(deps.config).view,
      lookups: createLookupRegistry(),
      testMode: deps.mode === 'bh',
    });
    this.receivedProtocol = deps.overrides?.receivedProtocol ?? this.baseProtocol();
    this.authenticatedId = deps.overrides?.authenticatedId;
    this.authenticator = deps.overrides?.authenticator;
    this.initVariables();
    this.setTlsVariables();
    if (deps.mode !== 'bh') io.input.timeoutMs = this.opts.int('smtp_receive_timeout', 300) * 1000;
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  get isLocal(): boolean {
    return this.deps.mode === 'bs' && this.deps.connection.remoteAddress === '';
  }

  get hostAddress(): string | undefined {
    return this.isLocal ? undefined : this.remote.address;
  }

  /** The facts host-text.ts renders. */
  hostFacts(): HostFacts {
    return {
      address: this.hostAddress,
      port: this.remote.port,
      name: this.deps.overrides?.senderHostName,
      helo: this.heloName,
      ident: this.deps.overrides?.ident ?? (this.isLocal ? this.deps.overrides?.callerLogin : undefined),
      withPort: this.deps.log.selectors.has('incoming_port'),
    };
  }

  /** The client in the logging module's terms (src/log/lines/host.ts). */
  logHost(): LogHost {
    const f = this.hostFacts();
    const c = this.deps.connection;
    return { address: f.address, port: f.port, name: f.name, helo: f.helo, ident: f.ident, interfaceAddress: c.localAddress || undefined, interfacePort: c.localPort };
  }

  /** "H=(helo) [ip] U=ident" as in Exim's log lines. */
  hostForLog(): string {
    return hostInfo(this.logHost(), this.deps.log.selectors).trimStart();
  }

  /** The client as Exim names it in a few log lines ($sender_fullhost). */
  fullhost(): string {
    return fullHost(this.logHost(), this.deps.log.selectors) ?? '';
  }

  // ---- output -------------------------------------------------------------------------------

  /** Queue reply text given in the project's string form (converted to wire bytes). */
  send(text: string): void {
    this.io.write(toWire(text));
  }

  respond(code: number | string, text: string): void {
    this.send(reply(code, text));
  }

  /** Exim prefixes every line of a session with the last message's id once there was one. */
  logMain(text: string, messageId: string | undefined = this.lastMessageId): void {
    this.deps.log.write(['main'], text, messageId);
  }

  /** Exim's rejection lines go to the main log and the reject log. */
  logReject(text: string, messageId: string | undefined = this.lastMessageId): void {
    this.deps.log.write(['main', 'reject'], text, messageId);
  }

  /**
   * Exim's synprot_error: count a syntax/protocol error, reply, and when the limit is passed
   * add the "Too many" line, log the drop and ask to close.
   */
  synprotError(code: number, text: string, data?: string): Next {
    const message = data === undefined ? text : `${data}: ${text}`;
    this.synprotErrors++;
    const limit = this.opts.int('smtp_max_synprot_errors', 3);
    if (this.synprotErrors > limit) {
      this.logReject(`SMTP call from ${this.fullhostOrLocal()} dropped: too many syntax or protocol errors (last command was "${this.currentCommand}", ${this.connectionInfo()})`);
      this.send(`${code}-${message}\r\n${code} Too many syntax or protocol errors\r\n`);
      return 'close';
    }
    this.respond(code, message);
    return 'continue';
  }

  fullhostOrLocal(): string {
    return this.isLocal ? `U=${this.deps.overrides?.callerLogin ?? ''}` : this.fullhost();
  }

  /** The " C=EHLO,MAIL,..." detail of drop log lines (Exim keeps the last 20 commands). */
  connectionInfo(): string {
    const last = this.history.slice(-20);
    return last.length === 0 ? '' : ` C=${last.join(',')}`;
  }

  currentCommand = '';

  // ---- variables ----------------------------------------------------------------------------

  setVar(name: string, value: string | undefined, isTainted = false): void {
    if (value === undefined) this.ctx.vars.delete(name);
    else this.ctx.vars.set(name, isTainted ? tainted(value) : untainted(value));
  }

  private initVariables(): void {
    const c = this.deps.connection;
    const host = this.hostAddress;
    if (host !== undefined) {
      this.setVar('sender_host_address', host);
      this.setVar('sender_host_port', String(this.remote.port));
      this.setVar('interface_address', c.localAddress);
      this.setVar('interface_port', String(c.localPort));
      this.setVar('received_ip_address', c.localAddress);
      this.setVar('received_port', String(c.localPort));
    }
    this.setVar('sender_host_name', this.deps.overrides?.senderHostName);
    this.setVar('smtp_active_hostname', this.activeHostname());
    this.setVar('received_protocol', this.receivedProtocol);
    this.setVar('sender_ident', this.hostFacts().ident);
    this.setVar('authenticated_id', this.authenticatedId);
    this.setVar('sender_host_authenticated', this.authenticator);
    this.refreshHostVariables();
  }

  /** $sender_fullhost / $sender_rcvhost change when HELO is received. */
  refreshHostVariables(): void {
    const facts = this.hostFacts();
    this.setVar('sender_fullhost', fullHost(this.logHost(), this.deps.log.selectors));
    this.setVar('sender_rcvhost', senderRcvhost(facts));
    this.setVar('sender_helo_name', this.heloName, true);
  }

  /** The protocol of the current message: SMTPUTF8 in MAIL makes it utf8esmtp... as in Exim. */
  messageProtocol(): string {
    if (!this.mailParams.has('SMTPUTF8')) return this.receivedProtocol;
    return this.receivedProtocol.replace(/^(local-)?/, (m) => `${m}utf8`);
  }

  /** $tls_in_* after a handshake (names and formats as Exim's OpenSSL build shows them). */
  setTlsVariables(): void {
    if (this.tlsSession) {
      for (const [k, v] of this.tlsSession.vars) this.ctx.vars.set(k, v);
      return;
    }
    const t = this.tls;
    if (!t) return;
    const std = t.cipher.split(':')[1];
    this.setVar('tls_in_cipher', t.cipher);
    this.setVar('tls_in_cipher_std', std);
    this.setVar('tls_in_ver', t.protocol);
    this.setVar('tls_in_bits', t.cipher.split(':')[2]);
    this.setVar('tls_in_certificate_verified', t.certificateVerified ? '1' : '0');
    this.setVar('tls_in_peerdn', t.peerDn, true);
    this.setVar('tls_in_sni', t.sni, true);
    this.setVar('tls_in_resumption', String(t.resumption));
    this.setVar('tls_cipher', t.cipher);
  }

  activeHostname(): string {
    return this.opts.str('primary_hostname') ?? '';
  }

  private baseProtocol(): string {
    return this.isLocal ? 'local-smtp' : 'smtp';
  }

  /** Protocol name from HELO/EHLO, TLS and AUTH: smtp, esmtp, esmtps, esmtpa, esmtpsa. */
  updateProtocol(): void {
    let p = this.esmtp ? 'esmtp' : 'smtp';
    if (this.esmtp) p += (this.tls ? 's' : '') + (this.authenticatedId !== undefined && this.authenticator !== undefined ? 'a' : '');
    this.receivedProtocol = (this.isLocal ? 'local-' : '') + p;
    this.setVar('received_protocol', this.receivedProtocol);
  }

  // ---- helpers used by handlers -------------------------------------------------------------

  /** Expand an option's text; undefined when unset. ExpandError propagates. */
  async expandOption(name: string): Promise<TStr | undefined> {
    const raw = this.opts.str(name);
    if (raw === undefined) return undefined;
    return this.ctx.services.expand(raw, this.ctx);
  }

  /** Whether the client matches a host-list option (unset → no; expansion failure → no). */
  async hostInList(option: string): Promise<boolean> {
    const host = this.hostAddress;
    const raw = this.opts.str(option);
    if (raw === undefined || raw === '') return false;
    try {
      const list = (await this.ctx.services.expand(raw, this.ctx)).s;
      if (host === undefined) return list.split(':').some((i) => i.trim() === '*');
      const res = await matchHostList({ address: host, name: this.deps.overrides?.senderHostName ?? '' }, list, this.ctx);
      return res.matched;
    } catch (e) {
      if (e instanceof ExpandError) return false;
      throw e;
    }
  }

  /** RSET and the end of a message: forget the transaction. */
  resetTransaction(): void {
    this.sender = undefined;
    this.mailParams = new Map();
    this.recipients = [];
    this.rcptCount = 0;
    this.rcptResponse = undefined;
    this.rcptResponseSame = true;
    this.discardedBy = undefined;
    this.mailDiscarded = false;
    this.bdatChunks = undefined;
    this.bdatFailed = false;
    this.setVar('received_protocol', this.receivedProtocol);
    this.controls = keepConnectionControls(this.controls);
    for (const v of ['sender_address', 'message_size', 'recipients_count', 'rcpt_count', 'message_exim_id', 'message_id', 'received_for']) this.ctx.vars.delete(v);
    for (const k of [...this.ctx.vars.keys()]) if (k.startsWith('acl_m')) this.ctx.vars.delete(k);
  }

  async run(): Promise<void> {
    const next = await connectPhase(this);
    if (next === 'continue') await runCommandLoop(this);
    await this.io.flush();
    this.io.close();
  }
}

function newControls(): AclControls {
  return { set: new Map(), headersToAdd: [], headersToRemove: [], delayed: 0 };
}

/** Controls that last for the connection survive a reset; message ones do not. */
const CONNECTION_CONTROLS = new Set(['no_multiline_responses', 'no_pipelining', 'no_enforce_sync', 'enforce_sync', 'allow_auth_unadvertised', 'debug', 'wellknown']);

function keepConnectionControls(old: AclControls): AclControls {
  const fresh = newControls();
  for (const [k, v] of old.set) if (CONNECTION_CONTROLS.has(k)) fresh.set.set(k, v);
  return fresh;
}
