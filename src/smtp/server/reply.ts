/**
 * SMTP reply text as Exim writes it: multi-line replies from embedded newlines, an ACL message's
 * own code and enhanced status code taking precedence when their class matches the default.
 */

export interface ReplyParts {
  readonly code: string;
  /** Enhanced status code (e.g. "5.7.1") when the message began with one. */
  readonly esc?: string;
  /** Message text without the codes; lines separated by "\n". */
  readonly text: string;
}

/**
 * Split an ACL `message =` text into code, enhanced code and text. A leading 3-digit code is used
 * only when its first digit equals the default code's; an enhanced code likewise.
 */
export function replyParts(defaultCode: string, message: string): ReplyParts {
  let code = defaultCode;
  let text = message;
  const m = /^([1-5]\d\d)([ -]|$)/.exec(text);
  if (m && m[1]![0] === defaultCode[0]) {
    code = m[1]!;
    text = text.slice(m[0].length);
  }
  const e = /^([245]\.\d{1,3}\.\d{1,3}) /.exec(text);
  if (e && e[1]![0] === code[0]) return { code, esc: e[1]!, text: text.slice(e[0].length) };
  return { code, text };
}

/** Render a reply: every line but the last uses `code-`. */
export function formatReply(parts: ReplyParts): string {
  const lines = parts.text.split('\n');
  const prefix = parts.esc ? `${parts.esc} ` : '';
  return lines.map((line, i) => `${parts.code}${i === lines.length - 1 ? ' ' : '-'}${prefix}${line}\r\n`).join('');
}

/** A plain reply with a fixed code (text may contain newlines). */
export function reply(code: number | string, text: string): string {
  return formatReply({ code: String(code), text });
}
