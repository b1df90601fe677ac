/**
 * The logger of -bh sessions: Exim writes every log line to stderr as "LOG: <id> <text>"
 * instead of the log files. Also a minimal log_selector reader (Exim's default set, then the
 * +name/-name words of the option) until the logging module provides one.
 */
import type { LogFile, Logger, LogSelectors } from '../../log/types.js';

const DEFAULT_SELECTORS = [
  'acl_warn_skipped', 'connection_reject', 'delay_delivery', 'dnslist_defer', 'etrn', 'host_lookup_failed',
  'lost_incoming_connection', 'msg_id', 'queue_run', 'retry_defer', 'sender_verify_fail', 'size_reject',
  'skip_delivery', 'smtp_confirmation', 'tls_certificate_verified', 'tls_cipher',
];

export function parseLogSelectors(option: string | undefined): LogSelectors {
  const on = new Set(DEFAULT_SELECTORS);
  let all = false;
  for (const word of (option ?? '').split(/\s+/).filter(Boolean)) {
    const name = word.slice(1);
    if (word[0] === '+') {
      if (name === 'all') all = true;
      else on.add(name);
    } else if (word[0] === '-') {
      if (name === 'all') {
        all = false;
        on.clear();
      } else on.delete(name);
    }
  }
  return { has: (name) => all || on.has(name) };
}

export class StderrLogger implements Logger {
  constructor(
    readonly selectors: LogSelectors,
    private readonly out: (text: string) => void,
  ) {}

  write(files: readonly LogFile[], text: string, messageId?: string): void {
    void files;
    this.out(`LOG: ${messageId ? `${messageId} ` : ''}${text}\n`);
  }

  async reopen(): Promise<void> {}
  async close(): Promise<void> {}
}
