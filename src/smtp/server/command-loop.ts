/**
 * The command loop: read a line, recognise the verb as Exim does (caseless prefix, "mail from:"
 * and "rcpt to:" including their colon), set $smtp_command, dispatch, and count unknown
 * commands and syntax/protocol errors against Exim's limits.
 */
import type { Next, SmtpSession } from './session.js';
import { heloCommand } from './cmd-helo.js';
import { mailCommand, rcptCommand } from './cmd-mail.js';
import { dataCommand, bdatCommand, interruptedChunking } from './cmd-data.js';
import { authCommand, etrnCommand, expnCommand, helpCommand, noopCommand, quitCommand, rsetCommand, starttlsCommand, vrfyCommand } from './cmd-misc.js';
import { endOfInput } from './disconnect.js';
import { commandSyncError } from './sync.js';
import { fromWire } from './bytes-text.js';
import { PROXY_FAILED_CODE, PROXY_FAILED_TEXT } from '../proxy/index.js';

/** Exim's SMTP command buffer size: longer lines are refused. */
export const COMMAND_LINE_MAX = 16384;

interface CommandDef {
  /** Lower-case text that must start the line. */
  readonly prefix: string;
  /** Name in the C= history and $smtp_command_argument handling. */
  readonly name: string;
  readonly handler: (s: SmtpSession, arg: string) => Promise<Next> | Next;
  /** Counts towards smtp_accept_max_nonmail. */
  readonly nonmail?: boolean;
}

const COMMANDS: readonly CommandDef[] = [
  { prefix: 'helo', name: 'HELO', handler: (s, a) => heloCommand(s, 'HELO', a) },
  { prefix: 'ehlo', name: 'EHLO', handler: (s, a) => heloCommand(s, 'EHLO', a) },
  { prefix: 'auth', name: 'AUTH', handler: authCommand },
  { prefix: 'starttls', name: 'STARTTLS', handler: starttlsCommand },
  { prefix: 'mail from:', name: 'MAIL', handler: mailCommand },
  { prefix: 'rcpt to:', name: 'RCPT', handler: rcptCommand },
  { prefix: 'data', name: 'DATA', handler: dataCommand },
  { prefix: 'bdat', name: 'BDAT', handler: bdatCommand },
  { prefix: 'quit', name: 'QUIT', handler: quitCommand },
  { prefix: 'rset', name: 'RSET', handler: rsetCommand },
  { prefix: 'etrn', name: 'ETRN', handler: etrnCommand, nonmail: true },
  { prefix: 'vrfy', name: 'VRFY', handler: vrfyCommand, nonmail: true },
  { prefix: 'expn', name: 'EXPN', handler: expnCommand, nonmail: true },
  { prefix: 'help', name: 'HELP', handler: helpCommand },
  { prefix: 'noop', name: 'NOOP', handler: noopCommand },
];

export function findCommand(line: string): { def: CommandDef; arg: string } | undefined {
  const lower = line.toLowerCase();
  for (const def of COMMANDS) {
    if (!lower.startsWith(def.prefix)) continue;
    const rest = line.slice(def.prefix.length);
    // Verbs without a colon must be followed by white space or the end of the line.
    if (!def.prefix.endsWith(':') && rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') continue;
    return { def, arg: rest.replace(/^[ \t]+/, '') };
  }
  return undefined;
}

export async function runCommandLoop(s: SmtpSession): Promise<void> {
  for (;;) {
    // Replies to a pipelined group go out together, once no further command is waiting.
    if (!s.io.input.hasCompleteLine()) await s.io.flush();
    const line = await s.io.input.readLine(COMMAND_LINE_MAX);
    // A partial line at end of input is dropped: Exim replies 421 but logs nothing for it.
    if (line === undefined || line.ending === 'eof') {
      await endOfInput(s, line === undefined);
      return;
    }
    const next = await handleLine(s, fromWire(line.text).replace(/[ \t\r\n\f\v]+$/, ''), line.overlong);
    if (next === 'close' || s.closing) return;
  }
}

async function handleLine(s: SmtpSession, text: string, overlong: boolean): Promise<Next> {
  s.currentCommand = text;
  s.setVar('smtp_command', text, true);
  if (text.includes('\0')) return s.synprotError(501, 'NUL characters are not allowed in SMTP commands');
  if (s.proxy?.failed && !/^quit\b/i.test(text)) {
    s.respond(PROXY_FAILED_CODE, PROXY_FAILED_TEXT);
    return 'continue';
  }
  // An over-long line is read in pieces; none of them is a command Exim recognises.
  const found = overlong ? undefined : findCommand(text);
  if (!found) return unknownCommand(s);
  s.setVar('smtp_command_argument', found.arg, true);
  s.history.push(found.def.name);
  const name = found.def.name;
  if (name === 'MAIL') s.sawMail = true;
  // Only a socket shows real pipelining (-bh/-bs read everything at once and Exim ignores that).
  if (s.deps.mode === 'daemon' && s.io.input.hasCompleteLine() && s.advertised.has('PIPELINING')) s.pipelined = true;
  if (commandSyncError(s, name)) return 'close';
  if (s.bdatChunks !== undefined && !['BDAT', 'RSET', 'QUIT', 'NOOP'].includes(name)) return interruptedChunking(s);
  if (s.bdatFailed && name !== 'RSET' && name !== 'QUIT') {
    s.respond(503, 'only RSET accepted now');
    return 'continue';
  }
  const wasRcpt = found.def.name === 'RCPT';
  const next = await found.def.handler(s, found.arg);
  s.lastWasRcpt = wasRcpt;
  return next;
}

function unknownCommand(s: SmtpSession): Next {
  s.lastWasRcpt = false;
  if (++s.unknownCommands > s.opts.int('smtp_max_unknown_commands', 3)) {
    s.logReject(`SMTP call from ${s.fullhostOrLocal()} dropped: too many unrecognized commands (last was "${s.currentCommand}")`);
    s.respond(500, 'Too many unrecognized commands');
    return 'close';
  }
  return s.synprotError(500, 'unrecognized command');
}
