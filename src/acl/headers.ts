/**
 * Header lines added by `add_header` and by a warn verb's `message`: leading and trailing
 * newlines are dropped, the text is split into header lines at newlines not followed by white
 * space, each may start with a position (`:at_start:`, `:at_start_rfc:`, `:after_received:`,
 * `:at_end:`), a line that is not `Name: value` gets `X-ACL-Warn: ` in front, and a line
 * already queued is not queued again. `$headers_added` shows the queue.
 */
import { untainted } from '../expand/types.js';
import type { AclControls, AclRunContext } from './types.js';

type Position = AclControls['headersToAdd'][number]['position'];

const POSITIONS: ReadonlyArray<[string, Position]> = [
  [':after_received:', 'after_received'],
  [':at_start_rfc:', 'at_start_rfc'],
  [':at_start:', 'at_start'],
  [':at_end:', 'append'],
];

function splitHeaderLines(text: string): string[] {
  const trimmed = text.replace(/^\n+/, '').replace(/\n+$/, '');
  if (trimmed === '') return [];
  return trimmed.split(/\n(?![ \t])/);
}

function takePosition(line: string): { line: string; position: Position } {
  for (const [prefix, position] of POSITIONS) {
    if (line.toLowerCase().startsWith(prefix)) return { line: line.slice(prefix.length), position };
  }
  return { line, position: 'append' };
}

/** A header line starts with a name of printing characters, optional white space, then a colon. */
export function looksLikeHeader(line: string): boolean {
  return /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(line);
}

export function queueHeaders(text: string, ctx: AclRunContext): void {
  const queue = ctx.controls.headersToAdd;
  for (const raw of splitHeaderLines(text)) {
    const { line, position } = takePosition(raw);
    const header = looksLikeHeader(line) ? line : `X-ACL-Warn: ${line}`;
    if (queue.some((h) => h.text === header)) continue;
    queue.push({ text: header, position });
  }
  ctx.expand.vars.set('headers_added', untainted(queue.map((h) => h.text).join('\n')));
}
