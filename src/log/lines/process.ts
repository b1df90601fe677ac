/**
 * Process-level main log lines: the +arguments line and the daemon start line, in exim4 4.96's
 * format (read from its logs).
 */
import { printable } from './printing.js';

/** +arguments: `cwd=<dir> <n> args: <argv>`; empty arguments or ones with white space are quoted. */
export function argumentsLine(cwd: string, argv: readonly string[]): string {
  const shown = argv.map((a) => (a === '' || /\s/.test(a) ? `"${printable(a)}"` : printable(a)));
  return `cwd=${cwd} ${argv.length} args: ${shown.join(' ')}`;
}

export interface DaemonListener {
  /** Undefined for a wildcard socket (no local_interfaces). */
  readonly address?: string;
  readonly port: number;
  /** tls_on_connect_ports: listed under SMTPS. */
  readonly tlsOnConnect?: boolean;
  /** For wildcard sockets: which families the socket takes (default both). */
  readonly family?: 'IPv6 and IPv4' | 'IPv4' | 'IPv6';
}

/** The listener list of one kind: consecutive sockets on one address share `[addr]:{p1,p2}`. */
function listenerText(list: readonly DaemonListener[]): string {
  const parts: string[] = [];
  for (let i = 0; i < list.length; ) {
    const l = list[i]!;
    if (l.address === undefined) {
      parts.push(`port ${l.port} (${l.family ?? 'IPv6 and IPv4'})`);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < list.length && list[j]!.address === l.address) j++;
    const ports = list.slice(i, j).map((x) => x.port);
    parts.push(`[${l.address}]:${ports.length === 1 ? ports[0] : `{${ports.join(',')}}`}`);
    i = j;
  }
  return parts.join(' ');
}

/**
 * `exim 4.96 daemon started: pid=N, <queue>, listening for SMTP on ...[ and for SMTPS on ...]`.
 * `queueRuns` is the -q option as given (e.g. `-q30m`, `-qq5m`) or undefined for "no queue runs".
 */
export function daemonStartedLine(pid: number, listeners: readonly DaemonListener[], queueRuns?: string, version = '4.96'): string {
  const smtp = listeners.filter((l) => !l.tlsOnConnect);
  const smtps = listeners.filter((l) => l.tlsOnConnect);
  let s = `exim ${version} daemon started: pid=${pid}, ${queueRuns ?? 'no queue runs'}, listening for SMTP on ${listenerText(smtp)}`;
  if (smtps.length > 0) s += ` and for SMTPS on ${listenerText(smtps)}`;
  return s;
}
