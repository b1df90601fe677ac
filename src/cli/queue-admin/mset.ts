/**
 * -Mset <id> with -be: the message's variables ($message_size, $recipients, $h_..., the body
 * and header variables) loaded from the spool before the test expansions, as exim4 does.
 * A message that cannot be loaded gets exim4's "Failed to load message ..." lines and the
 * expansions run without it.
 */
import { readFile } from 'node:fs/promises';
import type { BeSession } from '../be.js';
import { messageVariables } from '../../deliver/message-vars.js';
import { tainted, untainted, type HeaderSource, type TStr } from '../../expand/types.js';
import { bytesToString } from '../../expand/operators/bytes.js';
import type { SpoolHeader, SpoolMessage } from '../../spool/types.js';
import { logTimestamp } from '../../log/timestamp.js';
import { findFile, readHeader } from './spool-files.js';

export interface MsetOptions {
  readonly spoolDirectory: string;
  readonly splitSpoolDirectory: boolean;
  /** message_body_visible (default 500) and message_body_newlines. */
  readonly bodyVisible: number;
  readonly bodyNewlines: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Returns the session to run the expansions in: with the message loaded when that worked. */
export async function loadMessageForBe(session: BeSession, id: string, opts: MsetOptions): Promise<BeSession> {
  const data = await findFile(opts, 'input', id, '-D');
  if ('code' in data) {
    opts.err(`${logTimestamp(new Date())} Spool file ${id}-D not found\n`);
    opts.out(`Failed to load message datafile ${id}\n`);
  }
  const read = await readHeader(opts, id);
  if (!read.ok) {
    opts.out(`Failed to load message ${id}\n`);
    return session;
  }
  const body = 'code' in data ? Buffer.alloc(0) : (await readFile(data.path)).subarray(id.length + 3);
  const vars = new Map(session.ctx.vars);
  for (const [k, v] of messageSetVariables(read.message, body, opts)) vars.set(k, v);
  const ctx = { ...session.ctx, vars, headers: headerList(read.message.headers) };
  return { ...session, ctx };
}

/** The variables -Mset gives (over the -be defaults, which the message's own values replace). */
export function messageSetVariables(m: SpoolMessage, body: Buffer, opts: Pick<MsetOptions, 'bodyVisible' | 'bodyNewlines'>): Map<string, TStr> {
  const vars = messageVariables(m);
  // exim4 leaves these unset for -Mset; the -be caller defaults do not survive either.
  vars.set('return_path', untainted(''));
  if (!vars.has('authenticated_id')) vars.set('authenticated_id', untainted(''));
  if (!vars.has('authenticated_sender')) vars.set('authenticated_sender', untainted(''));
  vars.set('recipients', untainted(m.recipients.map((r) => r.address).join(', ')));
  const live = m.headers.filter((h) => h.type !== '*');
  const raw = live.map((h) => h.text).join('');
  vars.set('message_headers_raw', tainted(raw));
  vars.set('message_headers', tainted(raw.replace(/\n$/, '')));
  vars.set('message_body', tainted(bodyText(body.subarray(0, opts.bodyVisible), opts.bodyNewlines)));
  vars.set('message_body_end', tainted(bodyText(body.subarray(Math.max(0, body.length - opts.bodyVisible)), opts.bodyNewlines)));
  const headerLines = live.reduce((n, h) => n + h.text.split('\n').length - 1, 0);
  const bodyLines = Number(m.options.get('body_linecount') ?? 0);
  vars.set('message_linecount', untainted(String(headerLines + bodyLines)));
  return vars;
}

/** Body text as the variables hold it: binary zeros, and newlines unless kept, become spaces. */
function bodyText(bytes: Buffer, keepNewlines: boolean): string {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < copy.length; i++) if (copy[i] === 0 || (!keepNewlines && copy[i] === 10)) copy[i] = 32;
  return bytesToString(copy);
}

function headerList(headers: readonly SpoolHeader[]): HeaderSource {
  const list = headers
    .filter((h) => h.type !== '*')
    .map((h) => {
      const colon = h.text.indexOf(':');
      return { name: h.text.slice(0, colon), raw: h.text.slice(colon + 1).replace(/\n$/, '') };
    });
  return { list: () => list };
}
