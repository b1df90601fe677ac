/**
 * Inputs and output of the delivery-report composers (bounces, delay warnings, success DSNs).
 * The composers are pure: the delivery process gathers the facts (which addresses, their
 * errors, the hosts involved, the resolved options) and spools what comes back.
 */
import type { SpoolHeader, SpoolMessage } from '../../spool/types.js';

/** The remote host an address was last tried on (Exim's host_used). */
export interface ReportHost {
  /** Host name as routed (the IP literal when routed to an address). */
  readonly name: string;
  readonly address: string;
  readonly port?: number;
  /** DSN_INFO extras: first line of the greeting and of the EHLO/HELO reply. */
  readonly greeting?: string;
  readonly heloResponse?: string;
}

/** One address in a report. */
export interface ReportAddress {
  /** The address as delivered/failed (Final-Recipient, the text list, X-Failed-Recipients). */
  readonly address: string;
  /**
   * The error text shown to the sender (Exim's user_message, else message), e.g.
   * "no such user here", "Unrouteable address", or
   * "SMTP error from remote mail server after RCPT TO:<x@y>: 550 5.1.1 No such user".
   * Multi-line SMTP replies carry "\n" between their lines. Undefined (no text at all, as for a
   * pipe whose output is returned) prints no error line; '' prints an empty one, as exim4 does.
   */
  readonly message?: string;
  /** The remote host involved, for remote failures/deferrals/successes. */
  readonly host?: ReportHost;
  /** The remote server's reply (for Diagnostic-Code), lines separated by "\n". */
  readonly smtpResponse?: string;
  /** ORCPT as given at RCPT time ("rfc822;User@Example"), for Original-Recipient. */
  readonly orcpt?: string;
  /** Output of a pipe with return_output / return_fail_output, returned to the sender. */
  readonly returnOutput?: string;
  /** DSN NOTIFY flags (NEVER 2, SUCCESS 4, FAILURE 8, DELAY 16); NEVER suppresses the address. */
  readonly dsnFlags?: number;
}

/** Main options the composers read, resolved (expanded) by the caller. */
export interface ReportOptions {
  readonly primaryHostname: string;
  readonly qualifyDomain: string;
  /** dsn_from, expanded; default `Mail Delivery System <Mailer-Daemon@$qualify_domain>`. */
  readonly dsnFrom?: string;
  /** errors_reply_to: adds a Reply-To: header. */
  readonly errorsReplyTo?: string;
  /** bounce_message_text: inserted after the first line of the default bounce text. */
  readonly bounceMessageText?: string;
  /** bounce_return_body (default true). */
  readonly bounceReturnBody?: boolean;
  /** bounce_return_size_limit in bytes (default 100K; 0 = no limit). */
  readonly bounceReturnSizeLimit?: number;
  /** bounce_return_linesize_limit (default 998). */
  readonly bounceReturnLinesizeLimit?: number;
  /** Contents of bounce_message_file / warn_message_file (already read; expanded per item via `expand`). */
  readonly bounceMessageFile?: string;
  readonly warnMessageFile?: string;
  /** Add the EXPERIMENTAL_DSN_INFO fields (not compiled into Debian's exim4 4.96). */
  readonly dsnInfo?: boolean;
}

/** Expansion of template-file items with extra variables ($bounce_recipient, $warn_message_delay...). */
export type TemplateExpander = (text: string, vars: Readonly<Record<string, string>>) => Promise<string>;

export interface ReportInput {
  /** The message being reported on, and its body (as in -D, without the id line). */
  readonly message: SpoolMessage;
  readonly body: Buffer;
  /** Who gets the report (the sender, or an errors_to address). */
  readonly recipient: string;
  /**
   * Delay warnings only: every recipient when the deferred addresses have different errors_to
   * settings (exim4 sends one warning to all of them, `To:` listing them comma-separated).
   * Defaults to [recipient].
   */
  readonly recipients?: readonly string[];
  readonly options: ReportOptions;
  /** Needed when a bounce_message_file / warn_message_file is given. */
  readonly expand?: TemplateExpander;
  /** MIME boundary; default `<time>-eximdsn-<random>` as Exim makes it. */
  readonly boundary?: string;
  /** Seconds, for the default boundary and the warning delay. */
  readonly now?: number;
}

/** A composed report, ready to be spooled as a new message (the reception adds Received, Message-Id, Date). */
export interface ComposedReport {
  readonly sender: '';
  readonly recipients: readonly string[];
  readonly headers: readonly SpoolHeader[];
  readonly body: Buffer;
}
