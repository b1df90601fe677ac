/**
 * log_selector (spec "Reducing or increasing what is logged"): the set of optional log items.
 * The setting is a sequence of `+name` / `-name` words applied in order to Exim's default set;
 * `all` stands for every selector. Names and defaults are those of Exim 4.96 as built by Debian
 * (the `_LOG_*` macros of `exim4 -bP macros`), including protocol_detail, proxy, pipelining and
 * tls_resumption. There is no spf or srs selector in 4.96 (exim4 rejects both).
 */
import { ConfigError } from '../util/errors.js';
import type { LogSelectors } from './types.js';

export const LOG_SELECTOR_NAMES = [
  '8bitmime', 'acl_warn_skipped', 'address_rewrite', 'all_parents', 'arguments', 'connection_reject',
  'delay_delivery', 'deliver_time', 'delivery_size', 'dkim', 'dkim_verbose', 'dnslist_defer', 'dnssec', 'etrn',
  'host_lookup_failed', 'ident_timeout', 'incoming_interface', 'incoming_port', 'lost_incoming_connection',
  'millisec', 'msg_id', 'msg_id_created', 'outgoing_interface', 'outgoing_port', 'pid', 'pipelining',
  'protocol_detail', 'proxy', 'queue_run', 'queue_time', 'queue_time_exclusive', 'queue_time_overall',
  'receive_time', 'received_recipients', 'received_sender', 'rejected_header', 'retry_defer',
  'return_path_on_delivery', 'sender_on_delivery', 'sender_verify_fail', 'size_reject', 'skip_delivery',
  'smtp_confirmation', 'smtp_connection', 'smtp_incomplete_transaction', 'smtp_mailauth', 'smtp_no_mail',
  'smtp_protocol_error', 'smtp_syntax_error', 'subject', 'tls_certificate_verified', 'tls_cipher', 'tls_peerdn',
  'tls_resumption', 'tls_sni', 'unknown_in_list',
] as const;

export type LogSelectorName = (typeof LOG_SELECTOR_NAMES)[number];

/** Other spellings exim4 accepts for a selector. */
const ALIASES: Readonly<Record<string, LogSelectorName>> = { rejected_headers: 'rejected_header' };

/**
 * On unless log_selector turns them off. outgoing_interface is on by default although the
 * spec's table does not star it: its description says it is turned *off* to stop I= on
 * delivery lines, which only makes sense for a default-on item.
 */
export const DEFAULT_LOG_SELECTORS: readonly LogSelectorName[] = [
  'acl_warn_skipped', 'connection_reject', 'delay_delivery', 'dkim', 'dnslist_defer', 'etrn', 'host_lookup_failed',
  'lost_incoming_connection', 'msg_id', 'outgoing_interface', 'queue_run', 'rejected_header', 'retry_defer',
  'sender_verify_fail', 'size_reject', 'skip_delivery', 'smtp_confirmation', 'tls_certificate_verified', 'tls_cipher',
];

const KNOWN = new Set<string>(LOG_SELECTOR_NAMES);

/** A bad log_selector setting; the message is exim4's text (after "Exim configuration error:"). */
export class LogSelectorError extends ConfigError {}

/** An immutable set of enabled selectors. */
export class LogSelectorSet implements LogSelectors {
  private readonly on: ReadonlySet<string>;

  constructor(enabled: Iterable<LogSelectorName>) {
    this.on = new Set(enabled);
  }

  static defaults(): LogSelectorSet {
    return new LogSelectorSet(DEFAULT_LOG_SELECTORS);
  }

  /** True when the selector is on. Unknown names (and aliases) are answered as exim4 spells them. */
  has(name: string): boolean {
    return this.on.has(ALIASES[name] ?? name);
  }

  /** Enabled selectors in table order. */
  names(): LogSelectorName[] {
    return LOG_SELECTOR_NAMES.filter((n) => this.on.has(n));
  }

  /** A copy with some selectors switched on or off (for callers such as -bh tests). */
  with(changes: Partial<Record<LogSelectorName, boolean>>): LogSelectorSet {
    const next = new Set(this.on as ReadonlySet<LogSelectorName>);
    for (const [k, v] of Object.entries(changes) as [LogSelectorName, boolean][]) {
      if (v) next.add(k);
      else next.delete(k);
    }
    return new LogSelectorSet(next);
  }
}

const isNameChar = (c: string) => /[A-Za-z0-9_]/.test(c);

/**
 * Parse a log_selector value as exim4 does: white space separates words but is optional
 * between them (`+pid-millisec` is two words); each word is a sign and a name made of letters,
 * digits and underscores. A word that does not start with a sign gives "malformed ..."; an
 * empty or unknown name gives "unknown ..." quoting the sign and the name. Names are
 * case-sensitive.
 */
export function parseLogSelector(setting: string | undefined | null): LogSelectorSet {
  const on = new Set<LogSelectorName>(DEFAULT_LOG_SELECTORS);
  const s = setting ?? '';
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const sign = s[i]!;
    if (sign !== '+' && sign !== '-') {
      throw new LogSelectorError(`malformed log_selector setting: + or - expected but found "${s.slice(i)}"`);
    }
    let j = i + 1;
    while (j < s.length && isNameChar(s[j]!)) j++;
    const name = s.slice(i + 1, j);
    applySelectorWord(on, sign, name);
    i = j;
  }
  return new LogSelectorSet(on);
}

function applySelectorWord(on: Set<LogSelectorName>, sign: '+' | '-', name: string): void {
  const targets: readonly LogSelectorName[] | undefined =
    name === 'all' ? LOG_SELECTOR_NAMES : KNOWN.has(name) ? [name as LogSelectorName] : ALIASES[name] ? [ALIASES[name]!] : undefined;
  if (targets === undefined) throw new LogSelectorError(`unknown log_selector setting: ${sign}${name}`);
  for (const t of targets) {
    if (sign === '+') on.add(t);
    else on.delete(t);
  }
}
