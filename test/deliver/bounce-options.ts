/** ReportOptions for a fixture case, from the main options its configuration set. */
import type { ReportOptions } from '../../src/deliver/bounce/types.js';

function size(v: string): number {
  const m = /^(\d+)([KM]?)$/i.exec(v.trim())!;
  return Number(m[1]) * (m[2] === 'K' ? 1024 : m[2] === 'M' ? 1024 * 1024 : 1);
}

export function optionsFor(c: { main?: string; file?: [string, string] }): ReportOptions {
  const opts: Record<string, unknown> = { primaryHostname: 'myhost.test.ex', qualifyDomain: 'test.ex' };
  for (const line of (c.main ?? '').split('\n')) {
    const m = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, name, value] = m as unknown as [string, string, string];
    if (name === 'bounce_return_body') opts['bounceReturnBody'] = value !== 'false';
    if (name === 'bounce_return_size_limit') opts['bounceReturnSizeLimit'] = size(value);
    if (name === 'bounce_return_linesize_limit') opts['bounceReturnLinesizeLimit'] = size(value);
    if (name === 'bounce_message_text') opts['bounceMessageText'] = value;
    if (name === 'errors_reply_to') opts['errorsReplyTo'] = value;
    if (name === 'dsn_from') opts['dsnFrom'] = value;
    if (name === 'bounce_message_file') opts['bounceMessageFile'] = c.file![1];
    if (name === 'warn_message_file') opts['warnMessageFile'] = c.file![1];
  }
  return opts as unknown as ReportOptions;
}
