/**
 * The command-line modes of the SMTP server, called from src/cli/main.ts: -bh (fake session),
 * -bs (SMTP on stdin/stdout for the local caller) and -bd/-bdf (daemon). Option values come from
 * -oMa/-oMaa/-oMai/-oMi/-oMr/-oMs/-oMt and -oX.
 */
import { loadConfig } from '../../config/index.js';
import type { LoadedConfig } from '../../config/types.js';
import { createAclEngine } from '../../acl/index.js';
import { FileSpool } from '../../spool/index.js';
import { createAuthenticators } from '../../auth/index.js';
import { createServerTls, type ServerTls } from '../../tls/index.js';
import { createExpandContext } from '../../expand/index.js';
import { untainted } from '../../expand/types.js';
import { createLookupRegistry } from '../../lookups/index.js';
import { fromLoadedConfig } from '../../cli/runtime-config.js';
import type { Authenticator } from '../../auth/types.js';
import { FileLogger } from '../../log/file-logger.js';
import { parseLogSelector } from '../../log/selectors.js';
import type { Logger } from '../../log/types.js';
import { runStdioSession } from './fake-session.js';
import type { SessionOverrides } from './types.js';
import { callerLogin } from '../../util/caller-login.js';

export interface ServerModeOptions {
  readonly mode: 'bh' | 'bs' | 'bd' | 'bdf';
  readonly configFile?: string;
  readonly macros: Record<string, string>;
  readonly hostCheckAddress?: string;
  readonly serverOptions: Record<string, string>;
  /** -q<time> with -bd: queue runs every this many seconds; -q flags (`f`, `ff`, `i`). */
  readonly queueInterval?: number;
  readonly queueFlags?: string;
  /** -od* for -bs: background (default), foreground, queue, queue-smtp. */
  readonly submit?: { readonly delivery?: string };
}

export function overridesFrom(o: Record<string, string>, callerLogin?: string): SessionOverrides {
  return {
    senderHostName: o['-oMs'],
    receivedProtocol: o['-oMr'],
    authenticator: o['-oMaa'],
    authenticatedId: o['-oMai'],
    ident: o['-oMt'],
    callerLogin,
  };
}


export function authenticatorsFor(config: LoadedConfig): Authenticator[] {
  const host = config.mainOption('primary_hostname');
  return createAuthenticators(config.authenticators, { primaryHostname: typeof host === 'string' ? host : '', pid: process.pid });
}

/** The TLS module for the daemon; its host-list checks get a plain expansion context. */
export function tlsFor(config: LoadedConfig): ServerTls {
  return createServerTls(config, (host) => {
    const ctx = createExpandContext({ config: fromLoadedConfig(config).view, lookups: createLookupRegistry() });
    if (host.address !== '') ctx.vars.set('sender_host_address', untainted(host.address));
    return ctx;
  });
}

export function spoolFor(config: LoadedConfig): FileSpool {
  const dir = config.mainOption('spool_directory');
  return new FileSpool({
    directory: typeof dir === 'string' && dir !== '' ? dir : '/var/spool/exim4',
    splitSpoolDirectory: config.mainOption('split_spool_directory') === true,
  });
}

/** The log files of the configuration (main, reject, panic as log_file_path says). */
export function loggerFor(config: LoadedConfig): Logger {
  const str = (n: string) => {
    const v = config.mainOption(n);
    return typeof v === 'string' ? v : undefined;
  };
  return new FileLogger({
    selectors: parseLogSelector(str('log_selector')),
    logFilePath: str('log_file_path'),
    spoolDirectory: str('spool_directory') ?? '/var/spool/exim4',
    logTimezone: config.mainOption('log_timezone') === true,
    writeRejectlog: config.mainOption('write_rejectlog') !== false,
  });
}

export async function runServerMode(opts: ServerModeOptions): Promise<number> {
  const config = loadConfig({ file: opts.configFile, macros: opts.macros });
  if (opts.mode === 'bd' || opts.mode === 'bdf') {
    const { runDaemonMode } = await import('./daemon-cli.js');
    return runDaemonMode(config, opts);
  }
  const local = opts.mode === 'bs';
  const accepted: string[] = [];
  const status = await runStdioSession({
    mode: opts.mode,
    config,
    acl: createAclEngine(config),
    host: local ? opts.serverOptions['-oMa'] : opts.hostCheckAddress,
    interfaceAddress: opts.serverOptions['-oMi'],
    overrides: overridesFrom(opts.serverOptions, local ? callerLogin() : undefined),
    input: process.stdin,
    stdout: (t) => void process.stdout.write(Buffer.from(t, 'latin1')),
    stderr: (t) => void process.stderr.write(Buffer.from(t, 'latin1')),
    spool: local ? spoolFor(config) : undefined,
    authenticators: authenticatorsFor(config),
    log: local ? loggerFor(config) : undefined,
    onAccepted: local ? (id) => accepted.push(id) : undefined,
  });
  await deliverAfterBs(accepted, config, opts);
  return status;
}

/**
 * -bs is a local submission: the messages are delivered as -od* says (in the background by
 * default), unless queue_only; delivery starts once the session has ended.
 */
async function deliverAfterBs(ids: readonly string[], config: LoadedConfig, opts: ServerModeOptions): Promise<void> {
  const mode = opts.submit?.delivery ?? 'background';
  if (ids.length === 0 || mode === 'queue' || mode === 'queue-smtp' || config.mainOption('queue_only') === true) return;
  const { startDelivery } = await import('../../deliver/start.js');
  await startDelivery(ids, { configFile: opts.configFile, macros: opts.macros, background: mode !== 'foreground' });
}
