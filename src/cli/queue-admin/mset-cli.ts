/** Command-line side of -Mset: exim4's argument checks and loading the message into a -be session. */
import type { BeSession } from '../be.js';
import { isMessageId } from '../../spool/message-id.js';
import { callerFor } from './caller.js';
import { loadMessageForBe } from './mset.js';

/** exim4's complaint about -Mset's use, or undefined when it is fine. */
export function msetArgumentError(id: string, mode: string | undefined): string | undefined {
  if (!isMessageId(id)) return `exim: malformed message id ${id} after -Mset option\n`;
  if (mode !== 'be') return 'exim: incompatible command-line options or arguments\n';
  return undefined;
}

/** The -be session with the message loaded, or an exit code when the caller may not do it. */
export async function withMessage(session: BeSession, id: string): Promise<BeSession | number> {
  const config = session.config.loaded;
  if (!callerFor(config).admin) {
    process.stderr.write('exim: permission denied\n');
    return 1;
  }
  const dir = config.mainOption('spool_directory');
  const visible = config.mainOption('message_body_visible');
  return loadMessageForBe(session, id, {
    spoolDirectory: typeof dir === 'string' ? dir : '/var/spool/mailwright',
    splitSpoolDirectory: config.mainOption('split_spool_directory') === true,
    bodyVisible: typeof visible === 'number' ? visible : 500,
    bodyNewlines: config.mainOption('message_body_newlines') === true,
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  });
}
