/**
 * Defaults that Exim fixes at build time or computes from the host, chosen for Mailwright.
 * Differences from Debian's exim4 (see the report): spool /var/spool/mailwright, logs
 * /var/log/mailwright, pid file /run/mailwright/mailwright.pid, exim_path the mailwright command,
 * exim_user/exim_group the ids Mailwright runs as.
 */
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OptionValue } from '../types.js';

export const MAILWRIGHT_SPOOL_DIRECTORY = '/var/spool/mailwright';
export const MAILWRIGHT_LOG_FILE_PATH = '/var/log/mailwright/%slog';
export const MAILWRIGHT_PID_FILE_PATH = '/run/mailwright/mailwright.pid';

/** bin/mailwright of this checkout (same depth from src/ and dist/). */
function mailwrightCommand(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '../../../bin/mailwright');
}

/** Exim uses the node name from uname(); the default for primary_hostname. */
export function defaultPrimaryHostname(): string {
  return hostname();
}

/** Static host defaults, by option name. */
export function hostDefaults(): ReadonlyMap<string, OptionValue> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const gid = typeof process.getgid === 'function' ? process.getgid() : 0;
  return new Map<string, OptionValue>([
    ['exim_group', gid],
    ['exim_path', mailwrightCommand()],
    ['exim_user', uid],
    ['log_file_path', MAILWRIGHT_LOG_FILE_PATH],
    ['pid_file_path', MAILWRIGHT_PID_FILE_PATH],
    ['primary_hostname', defaultPrimaryHostname()],
    ['spool_directory', MAILWRIGHT_SPOOL_DIRECTORY],
  ]);
}

/**
 * Main options whose default is another option's value (Exim fills them in after reading the
 * file): qualify_domain from primary_hostname, qualify_recipient from qualify_domain,
 * process_log_path inside the spool directory.
 */
export function derivedMainDefault(name: string, get: (name: string) => OptionValue): OptionValue {
  switch (name) {
    case 'qualify_domain':
      return get('primary_hostname');
    case 'qualify_recipient':
      return get('qualify_domain');
    case 'process_log_path': {
      const spool = get('spool_directory');
      return typeof spool === 'string' ? `${spool}/exim-process.info` : undefined;
    }
    default:
      return undefined;
  }
}
