#!/usr/bin/env node
/** Entry point of the `mailwright` command: Exim-compatible options, dispatched by mode. */
import { parseArgs, usageText, UsageError, type CliOptions } from './args.js';
import { ConfigError } from '../util/errors.js';
import { MissingConfigFileError } from '../config/errors.js';
import { logTimestamp } from '../log/timestamp.js';
import { argvAsInvoked } from './submit/flags.js';

async function run(opts: CliOptions): Promise<number> {
  if (opts.queueAdmin !== undefined && opts.mode === undefined) {
    const { runQueueAdminCli } = await import('./queue-admin/index.js');
    return runQueueAdminCli(opts.queueAdmin, opts.operands, opts);
  }
  if (opts.msetId !== undefined) {
    const { msetArgumentError } = await import('./queue-admin/mset-cli.js');
    const error = msetArgumentError(opts.msetId, opts.mode);
    if (error !== undefined) {
      process.stderr.write(error);
      return 1;
    }
  }
  if (opts.addressTest !== undefined && opts.mode === undefined) {
    const { runAddressTest } = await import('./address-test.js');
    const test = { mode: opts.addressTest, configFile: opts.configFile, macros: opts.macros, verbose: opts.verbose, sender: opts.sender, operands: opts.operands };
    return runAddressTest(test, process.stdin, process.stdout, process.stderr);
  }
  if (opts.mode === undefined && opts.unsupported !== undefined) {
    process.stderr.write(`mailwright: ${opts.unsupported} is not supported yet (see docs/compat.md)\n`);
    return 1;
  }
  switch (opts.mode) {
    case 'be': {
      const { createBeSession, runBeArgs, runBeStream } = await import('./be.js');
      let session = await createBeSession({ configFile: opts.configFile, macros: opts.macros });
      if (opts.msetId !== undefined) {
        const loaded = await (await import('./queue-admin/mset-cli.js')).withMessage(session, opts.msetId);
        if (typeof loaded === 'number') return loaded;
        session = loaded;
      }
      if (opts.operands.length > 0) await runBeArgs(opts.operands, session, process.stdout);
      else await runBeStream(process.stdin, session, process.stdout, process.stderr);
      return 0;
    }
    case 'bV': {
      const { runVersion } = await import('./version.js');
      return runVersion(opts, process.stdout);
    }
    case 'bP': {
      const { runPrintConfig } = await import('./print-config.js');
      return runPrintConfig(opts, process.stdout);
    }
    case 'bh':
    case 'bs':
    case 'bd':
    case 'bdf': {
      const { runServerMode } = await import('../smtp/server/cli-modes.js');
      return runServerMode({ ...opts, mode: opts.mode });
    }
    case 'brt': {
      const { runRetryTest } = await import('./retry-test.js');
      return runRetryTest(opts, process.stdout);
    }
    case 'M': {
      const { deliverIds } = await import('../deliver/cli.js');
      return deliverIds(opts.operands, { configFile: opts.configFile, macros: opts.macros, force: true });
    }
    case 'Mg': {
      const { giveUpIds } = await import('../deliver/cli.js');
      return giveUpIds(opts.operands, { configFile: opts.configFile, macros: opts.macros });
    }
    case 'q': {
      const { runQueueCommand } = await import('../deliver/queue-command.js');
      return runQueueCommand(opts);
    }
    case 'bm': {
      const { runSubmit } = await import('./submit/index.js');
      return runSubmit(opts);
    }
    case 'bem':
      process.stderr.write('mailwright: -bem is not supported yet (needs message reception; see docs/compat.md)\n');
      return 1;
    default:
      process.stderr.write(usageText('').split('\n').slice(1).join('\n'));
      return 1;
  }
}

/**
 * A reader that stops early (`mailwright -bp | head`) closes the pipe: Exim dies of SIGPIPE
 * without a word; Node would throw EPIPE at the next write, so exit quietly with the shell's
 * SIGPIPE status instead.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  // Any other write error (ENOSPC...) is reported in one line rather than as a stack trace.
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    process.stderr.write(`mailwright: cannot write standard output: ${e.message}\n`);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  quietOnClosedPipe(process.stdout);
  let code: number;
  try {
    code = await run(parseArgs(argvAsInvoked(process.env['MAILWRIGHT_INVOKED_AS'], process.argv.slice(2))));
  } catch (err) {
    code = reportFatal(err);
  }
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exitCode = code;
}

function reportFatal(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(usageText(err.message));
    return 1;
  }
  if (err instanceof MissingConfigFileError) {
    process.stderr.write(`${logTimestamp(new Date())} ${err.message}\n`);
    return 1;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`${logTimestamp(new Date())} ${configErrorText(err)}\n`);
    return 1;
  }
  throw err;
}

/** Exim's layout for configuration errors: location line, then the reason indented. */
export function configErrorText(err: ConfigError): string {
  if (err.line !== undefined && err.file !== undefined) {
    return `Exim configuration error in line ${err.line} of ${err.file}:\n  ${err.message}`;
  }
  return err.message;
}

await main();
