/**
 * SMTP reply text as Exim writes it: multi-line replies from embedded newlines, an ACL message's
 * own code and enhanced status code taking precedence when their class matches the default,
 * and long ACL message lines folded at a space.
 */

export interface ReplyParts {
  readonly code: string;
  /** Enhanced status code (e.g. "5.7.1") when the message began with one. */
  readonly esc?: string;
  /** Message text without the codes; lines separated by "\n". */
  readonly text: string;
  /** Set when the message began with a code of the wrong class: Exim's log complaint. */
  readonly badCode?: string;
  /** The message as Exim logs it when no log_message was given (code corrected). */
  readonly logText: string;
}

/**
 * Split an ACL `message =` text into code, enhanced code and text. A leading 3-digit code is used
 * only when its first digit equals the default code's; otherwise it is replaced by the default
 * and Exim logs a complaint.
 */
export function replyParts(defaultCode: string, message: string): ReplyParts {
  let code = defaultCode;
  let text = message;
  let badCode: string | undefined;
  let logText = message;
  const m = /^([1-5]\d\d)([ -]|$)/.exec(text);
  if (m) {
    if (m[1]![0] === defaultCode[0]) code = m[1]!;
    else {
      badCode = `configured error code starts with incorrect digit (expected ${defaultCode[0]}) in "${message}"`;
      logText = `${defaultCode}${message.slice(3)}`;
    }
    text = text.slice(m[0].length);
  }
  const e = /^([245]\.\d{1,3}\.\d{1,3}) /.exec(text);
  if (e && e[1]![0] === code[0]) return { code, esc: e[1]!, text: text.slice(e[0].length), badCode, logText };
  return { code, text, badCode, logText };
}

/**
 * Exim's string_printing (as applied to an authenticated id): bytes outside printable ASCII (tab excepted) become C
 * escapes, octal for those without a name. Text is one char per byte; wider chars are UTF-8.
 */
export function printable(text: string): string {
  const named: Record<number, string> = { 10: '\\n', 13: '\\r', 11: '\\v', 12: '\\f', 8: '\\b' };
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || code === 9) {
      out += ch;
      continue;
    }
    const bytes = code > 0xff ? [...Buffer.from(ch, 'utf8')] : [code];
    for (const b of bytes) out += named[b] ?? `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Longest ACL message line Exim sends before folding at a space. */
const FOLD_AT = 75;

/** Fold one line at the last space within FOLD_AT, as often as needed. */
function fold(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > FOLD_AT) {
    // The last space within the limit, else the first one after it (a long word stays whole).
    let space = rest.lastIndexOf(' ', FOLD_AT);
    if (space <= 0) space = rest.indexOf(' ', FOLD_AT);
    if (space <= 0) break;
    out.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  out.push(rest);
  return out;
}

/** The lines an ACL message becomes (split at newlines, folded), codes still in place. */
export function messageLines(text: string): string[] {
  return text.split('\n').flatMap((l) => fold(l));
}

/**
 * Render an ACL message as a reply: folded as written (a leading code counts towards the line
 * length), then the code and enhanced code taken off the first line and applied to every line.
 */
export function formatAclReply(parts: ReplyParts, message: string): string {
  const lines = messageLines(message);
  const prefixLength = message.split('\n')[0]!.length - parts.text.split('\n')[0]!.length;
  lines[0] = lines[0]!.slice(Math.max(0, prefixLength));
  return formatReply({ code: parts.code, esc: parts.esc, text: lines.join('\n') });
}

/** Render a reply: every line but the last uses `code-`. */
export function formatReply(parts: Pick<ReplyParts, 'code' | 'esc' | 'text'>): string {
  const prefix = parts.esc ? `${parts.esc} ` : '';
  const lines = parts.text.split('\n');
  return lines.map((line, i) => `${parts.code}${i === lines.length - 1 ? ' ' : '-'}${prefix}${line}\r\n`).join('');
}

/** A plain reply with a fixed code (text may contain newlines). */
export function reply(code: number | string, text: string): string {
  return formatReply({ code: String(code), text });
}
