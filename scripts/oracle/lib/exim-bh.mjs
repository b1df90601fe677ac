// Runs `exim4 -bh <ip> -C <config>` fake SMTP sessions for the oracle scripts: writes the config
// to a temporary file, feeds the commands (CRLF line ends), and splits what exim4 prints into
// SMTP replies (stdout, after the `****` banner lines) and `LOG:` lines (stderr).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPOOL = '/tmp/mailwright-acl-oracle';
const CONF = join(SPOOL, 'acl.conf');

/** Main-section lines every oracle configuration starts with. */
export const BASE_MAIN = [
  `spool_directory = ${SPOOL}`,
  'keep_environment =',
  'primary_hostname = test.example',
  'tls_advertise_hosts =',
];

/**
 * Run one session. `lines` are the SMTP commands (and message lines) without line ends.
 * Returns the reply lines and log lines in order, each tagged so callers can attribute them.
 */
export function runBh(config, lines, ip = '10.1.2.3', extraArgs = []) {
  mkdirSync(SPOOL, { recursive: true, mode: 0o777 });
  chmodSync(SPOOL, 0o777);
  writeFileSync(CONF, config);
  const input = lines.map((l) => `${l}\r\n`).join('');
  const res = spawnSync('/usr/sbin/exim4', ['-bh', ip, '-C', CONF, ...extraArgs], { input, encoding: 'latin1', timeout: 20000 });
  const replies = res.stdout
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('**** '));
  const logs = res.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOG: '))
    .map((l) => l.slice(5));
  return { replies, logs, stderr: res.stderr };
}

/** Group reply lines into whole replies (a reply ends at a line whose 4th character is a space). */
export function groupReplies(lines) {
  const out = [];
  let cur = [];
  for (const l of lines) {
    cur.push(l);
    if (l.charAt(3) !== '-') {
      out.push(cur.join('\n'));
      cur = [];
    }
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}
