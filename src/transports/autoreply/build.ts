/**
 * The text of an autoreply message: From, Reply-To, To, Cc, Subject, In-Reply-To, References,
 * Auto-Submitted and extra headers, then the text, the file and optionally a copy of the
 * original. Bcc recipients are not written (the submission takes them as recipients only).
 */
import { promises as fs } from 'node:fs';
import { ExpandError, expand } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import type { ReplyData } from '../../route/types.js';
import { strerror } from '../../util/strerror.js';
import { deferWith } from '../local-common.js';
import { errnoOf } from '../appendfile/mbox.js';
import type { MessageForTransport } from '../types.js';
import { headerValue } from './addresses.js';

/** Message ids of the original's References (or In-Reply-To) plus its Message-ID, at most 12. */
function references(original: MessageForTransport): { inReplyTo?: string; references?: string } {
  const head = original.spool.headers.filter((h) => h.type !== '*').map((h) => h.text).join('');
  const id = headerValue(head, 'message-id');
  if (!id) return {};
  const earlier = headerValue(head, 'references') ?? headerValue(head, 'in-reply-to') ?? '';
  const ids = [...(earlier.match(/<[^>]*>/g) ?? []), id].slice(-12);
  return { inReplyTo: id, references: ids.join(' ') };
}

/** The header section (LF line ends, ending with a newline). */
export function replyHeaders(spec: ReplyData, original: MessageForTransport): string {
  const lines: string[] = [];
  const put = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`${name}: ${value}`);
  };
  put('From', spec.from);
  put('Reply-To', spec.replyTo);
  put('To', spec.to);
  put('Cc', spec.cc);
  put('Subject', spec.subject);
  const refs = references(original);
  put('In-Reply-To', refs.inReplyTo);
  put('References', refs.references);
  lines.push('Auto-Submitted: auto-replied');
  if (spec.headers) lines.push(spec.headers.replace(/\n+$/, ''));
  return `${lines.join('\n')}\n`;
}

/** text, then the file (expanded line by line with file_expand). */
export async function replyBody(spec: ReplyData, ectx: ExpandContext, fileOptional: boolean, transport: string): Promise<string> {
  let body = '';
  if (spec.text) body += spec.text.endsWith('\n') ? spec.text : `${spec.text}\n`;
  if (spec.file) {
    let content: string;
    try {
      content = await fs.readFile(spec.file, 'latin1');
    } catch (e) {
      if (fileOptional) return body;
      deferWith(`${strerror(e)}: Failed to open file ${spec.file} when sending message from ${transport} transport: ${strerror(e)}`, { errno: errnoOf(e) });
    }
    if (spec.fileExpand) content = await expandFileLines(content, ectx, spec.file, transport);
    body += content;
  }
  return body;
}

async function expandFileLines(content: string, ectx: ExpandContext, file: string, transport: string): Promise<string> {
  const out: string[] = [];
  for (const line of content.split(/(?<=\n)/)) {
    try {
      out.push((await expand(line, ectx)).s);
    } catch (e) {
      if (e instanceof ExpandError) deferWith(`Expansion of "${line.replace(/\n$/, '')}" in file ${file} for ${transport} transport failed: ${e.message}`);
      throw e;
    }
  }
  return out.join('');
}

export const RETURN_MESSAGE_SEPARATOR = '\n------ This is a copy of the message, including all the headers.\n\n';

/** The entry appended to the `log` file. */
export function logEntry(spec: ReplyData, when: string): string {
  const lines = [when];
  const put = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`  ${name}: ${value}`);
  };
  put('From', spec.from);
  put('To', spec.to);
  put('Cc', spec.cc);
  put('Bcc', spec.bcc);
  put('Subject', spec.subject);
  if (spec.headers) for (const h of spec.headers.replace(/\n+$/, '').split('\n')) lines.push(`  ${h}`);
  return `${lines.join('\n')}\n`;
}
