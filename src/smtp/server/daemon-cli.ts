/**
 * `-bd` and `-bdf`: start the daemon with the file logger and the file spool; -bd re-runs itself
 * detached with -bdf (Node cannot fork), the parent returning at once as Exim's does. Writes the
 * pid file, reloads on SIGHUP, stops on SIGTERM/SIGINT.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createAclEngine } from '../../acl/index.js';
import type { LoadedConfig } from '../../config/types.js';
import { loadConfig } from '../../config/index.js';
import { authenticatorsFor, loggerFor, spoolFor, type ServerModeOptions } from './cli-modes.js';
import { DaemonBindError, SmtpDaemon } from './daemon.js';
import type { ListenSpec } from './listen.js';
import { daemonStartedLine, type DaemonListener } from '../../log/lines/process.js';
import { tlsFor } from './cli-modes.js';
import type { DeliveryScheduler } from '../../deliver/scheduler.js';
import type { DeliveryDeps } from '../../deliver/types.js';
import type { FileSpool } from '../../spool/file-spool.js';
import type { Logger } from '../../log/types.js';

export const DAEMON_CHILD_ENV = 'MAILWRIGHT_DAEMON_CHILD';

function pidFilePath(config: LoadedConfig, opts: ServerModeOptions): string | undefined {
  if (opts.serverOptions['-oP'] !== undefined) return opts.serverOptions['-oP'];
  if (opts.serverOptions['-oX'] !== undefined) return undefined; // Exim writes none with -oX unless -oP
  const v = config.mainOption('pid_file_path');
  return typeof v === 'string' && v !== '' ? v : '/run/exim4/exim.pid';
}

/** Exim names wildcard sockets by port ("port 25 (IPv6 and IPv4)"), others by [address]:port. */
function listenersFor(config: LoadedConfig, opts: ServerModeOptions, bound: readonly ListenSpec[]): DaemonListener[] {
  const override = opts.serverOptions['-oX'];
  const wildcard = config.mainOption('local_interfaces') === undefined && (override === undefined || /^[\d:,\s]+$/.test(override));
  const tls = tlsFor(config);
  if (!wildcard) return bound.map((b) => ({ address: b.address, port: b.port, tlsOnConnect: tls.isTlsOnConnectPort(b.port) }));
  const out: DaemonListener[] = [];
  for (const b of bound) {
    if (out.some((o) => o.port === b.port)) continue;
    const families = new Set(bound.filter((x) => x.port === b.port).map((x) => (x.address.includes(':') ? 'IPv6' : 'IPv4')));
    const family = families.size === 2 ? 'IPv6 and IPv4' : families.has('IPv6') ? 'IPv6' : 'IPv4';
    out.push({ port: b.port, family, tlsOnConnect: tls.isTlsOnConnectPort(b.port) });
  }
  return out;
}

/** Delivery services for immediate delivery; a configuration they reject is logged, not fatal to receiving. */
async function deliveryDepsFor(config: LoadedConfig, spool: FileSpool, log: Logger): Promise<DeliveryDeps | undefined> {
  try {
    // Loaded after the daemon is listening: routing and transports are not needed to start.
    const { createDeliveryDeps } = await import('../../deliver/setup.js');
    return await createDeliveryDeps(config, { spool, log });
  } catch (e) {
    log.write(['main', 'panic'], `delivery disabled: ${(e as Error).message}`);
    return undefined;
  }
}

async function schedulerFor(config: LoadedConfig, spool: FileSpool, log: Logger, opts: ServerModeOptions): Promise<DeliveryScheduler | undefined> {
  const deps = await deliveryDepsFor(config, spool, log);
  if (!deps) return undefined;
  const { DeliveryScheduler } = await import('../../deliver/scheduler.js');
  return new DeliveryScheduler(deps, { queueInterval: opts.queueInterval, queueFlags: opts.queueFlags });
}

export async function runDaemonMode(config: LoadedConfig, opts: ServerModeOptions): Promise<number> {
  if (opts.mode === 'bd' && process.env[DAEMON_CHILD_ENV] === undefined) {
    const args = process.argv.slice(1).map((a) => (a === '-bd' ? '-bdf' : a));
    const child = spawn(process.execPath, [...process.execArgv, ...args], { detached: true, stdio: 'ignore', env: { ...process.env, [DAEMON_CHILD_ENV]: '1' } });
    child.unref();
    return 0;
  }
  let log = loggerFor(config);
  const spool = spoolFor(config);
  // Messages accepted before the delivery side is ready wait here for it.
  let scheduler: DeliveryScheduler | undefined;
  let schedulerReady = false;
  const early: string[] = [];
  const onAccepted = (id: string) => (schedulerReady ? scheduler?.accepted(id) : early.push(id));
  const daemon = new SmtpDaemon({ config, acl: createAclEngine(config), log, spool, authenticators: authenticatorsFor(config), serverTls: tlsFor(config), override: opts.serverOptions['-oX'], onAccepted });
  let bound: Awaited<ReturnType<SmtpDaemon['start']>>;
  try {
    bound = await daemon.start();
  } catch (e) {
    if (!(e instanceof DaemonBindError)) throw e;
    log.write(['main', 'panic'], e.message);
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
  const pidFile = pidFilePath(config, opts);
  if (pidFile) {
    try {
      mkdirSync(dirname(pidFile), { recursive: true });
      writeFileSync(pidFile, `${process.pid}\n`);
    } catch (e) {
      log.write(['main', 'panic'], `failed to write pid file ${pidFile}: ${(e as Error).message}`);
    }
  }
  log.write(['main'], daemonStartedLine(process.pid, listenersFor(config, opts, bound)));
  const schedulerStarted = schedulerFor(config, spool, log, opts).then((s) => {
    scheduler = s;
    schedulerReady = true;
    for (const id of early.splice(0)) s?.accepted(id);
  });
  process.on('SIGHUP', () => {
    try {
      const fresh = loadConfig({ file: opts.configFile, macros: opts.macros });
      void log.reopen();
      log = loggerFor(fresh);
      const freshSpool = spoolFor(fresh);
      daemon.reload({ config: fresh, acl: createAclEngine(fresh), log, spool: freshSpool, authenticators: authenticatorsFor(fresh), serverTls: tlsFor(fresh) });
      void deliveryDepsFor(fresh, freshSpool, log).then((d) => d && scheduler?.reload(d));
      log.write(['main'], `pid ${process.pid}: SIGHUP received: configuration reloaded`);
    } catch (e) {
      log.write(['main', 'panic'], `SIGHUP: configuration reload failed: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.write(['main'], `pid ${process.pid}: ${signal} received: daemon terminating`);
      void daemon
        .stop()
        .then(() => schedulerStarted)
        .then(() => scheduler?.stop())
        .then(() => resolve());
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  if (pidFile) rmSync(pidFile, { force: true });
  await log.close();
  return 0;
}
