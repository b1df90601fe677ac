/**
 * The lmtp transport (spec chapter "The lmtp transport"): LMTP to a command's stdin/stdout or to
 * a Unix domain socket, with one result per recipient.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, type Socket } from 'node:net';
import type { DriverOptions } from '../../config/driver-options.js';
import type { AddressItem } from '../../route/types.js';
import { primaryHostname } from '../appendfile/index.js';
import { rcptAddress } from '../appendfile/render.js';
import { DeliveryOutcome, defer, expandRequired, headerOptions, sameForAll, transportExpandContext, deliveryIds } from '../local-common.js';
import { buildArgv } from '../pipe/command.js';
import { registerTransportDriver } from '../registry.js';
import type { TransportContext, TransportDriver, TransportRun } from '../types.js';
import { frame, writeMessage } from '../write-message.js';
import { applyTransportFilter, FilterFailed } from '../transport-filter.js';
import { strerror } from '../../util/strerror.js';
import { errnoOf } from '../appendfile/mbox.js';
import { LmtpChannel } from './replies.js';
import { runSession } from './session.js';

interface Endpoint {
  readonly channel: LmtpChannel;
  close(): Promise<void>;
}

class LmtpTransport implements TransportDriver {
  readonly kind = 'local' as const;
  constructor(private readonly opts: DriverOptions) {}

  async deliver(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    try {
      return await this.deliverBatch(addresses, ctx);
    } catch (e) {
      if (e instanceof DeliveryOutcome) return sameForAll(addresses, e.result);
      throw e;
    }
  }

  private async deliverBatch(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    const opts = this.opts;
    const addr = addresses[0]!;
    const { ectx, returnPath } = await transportExpandContext(addr, ctx, opts);
    const headers = await headerOptions(addresses, ctx, opts, ectx, returnPath);
    let plain: Buffer;
    try {
      plain = await applyTransportFilter(writeMessage(ctx.message.spool.headers, await ctx.message.readBody(), headers), addresses, opts, ectx);
    } catch (e) {
      if (e instanceof FilterFailed) return sameForAll(addresses, defer(e.text(), { errno: FilterFailed.errno }));
      throw e;
    }
    const message = frame(plain, { crlf: true, dotStuff: true });
    const body = message.length > 0 && message[message.length - 1] !== 0x0a ? Buffer.concat([message, Buffer.from('\r\n')]) : message;
    const timeout = opts.num('timeout', 300);
    let endpoint: Endpoint;
    const socketOpt = opts.str('socket');
    if (opts.str('command') !== undefined) {
      const argv = await buildArgv({ raw: opts.str('command')!, addresses, opts, ectx, fromRedirect: false });
      endpoint = startCommand(argv, timeout, deliveryIds(addr));
    } else if (socketOpt !== undefined) {
      const path = (await expandRequired(socketOpt, ectx, `socket for ${opts.name} transport`)).s;
      endpoint = await connectSocket(path, timeout, opts.name);
    } else {
      return sameForAll(addresses, defer(`either command or socket must be set for the ${opts.name} transport`));
    }
    try {
      const results = await runSession({
        channel: endpoint.channel,
        addresses,
        heloName: primaryHostname(ctx),
        sender: returnPath,
        rcpt: (a) => rcptAddress(a, opts),
        ignoreQuota: opts.bool('ignore_quota'),
        message: body,
      });
      return { results, retries: [] };
    } finally {
      await endpoint.close();
    }
  }
}

function startCommand(argv: readonly string[], timeout: number, ids: { uid: number; gid: number }): Endpoint {
  const asRoot = process.geteuid?.() === 0;
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: '/bin:/usr/bin' },
    ...(asRoot ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  child.on('error', () => undefined);
  const channel = new LmtpChannel(child.stdout!, child.stdin!, timeout);
  return {
    channel,
    close: async () => {
      child.stdin?.end();
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
    },
  };
}

async function connectSocket(path: string, timeout: number, transport: string): Promise<Endpoint> {
  const sock: Socket = await new Promise((resolve, reject) => {
    const s = createConnection({ path });
    s.once('connect', () => resolve(s));
    s.once('error', (e) => {
      // Wording not checked against exim4 (the oracle runs LMTP over a command only).
      reject(new DeliveryOutcome(defer(`Failed to connect to socket ${path} for ${transport} transport: ${strerror(e)}`, { errno: errnoOf(e) })));
    });
  });
  return {
    channel: new LmtpChannel(sock, sock, timeout),
    close: async () => {
      // Let the QUIT reach the server before the socket goes.
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          sock.destroy();
          resolve();
        }, 2000);
        sock.once('close', () => {
          clearTimeout(t);
          resolve();
        });
        sock.end();
      });
    },
  };
}

registerTransportDriver({
  name: 'lmtp',
  kind: 'local',
  create: (options) => new LmtpTransport(options),
});
