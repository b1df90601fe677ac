/**
 * The smtp transport (spec chapter "The smtp transport"): remote delivery over SMTP, LMTP or
 * SMTP-over-TLS to the hosts the router found (or the transport's own), with Exim's
 * classification of every outcome. See docs in run.ts (host loop), open.ts (session opening),
 * batch.ts (message copies) and outcome.ts (wording).
 *
 * Public API for the delivery process:
 *   const driver = transportDriver('smtp')!.create(new DriverOptions(instance), instance) as SmtpTransportDriver;
 *   const run = await driver.deliver(addresses, ctx);             // QUITs at the end
 *   const run2 = await driver.deliver(addresses, ctx, { keepOpen: true }); // queue runner: keep the connection
 *   ...more deliver() calls reuse a kept connection to the same host address and port...
 *   await driver.close();                                          // QUIT cached connections
 * TODO (stretch, not done): PIPE_CONNECT (hosts_pipe_connect), TLS resumption
 * (tls_resumption_hosts), DANE (hosts_try_dane / hosts_require_dane), allow_localhost /
 * hosts_treat_as_local checks, serialize_hosts, message_linelength_limit, PRDR, utf8_downconvert,
 * DKIM signing, transport_filter.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { DriverInstance } from '../../config/types.js';
import type { AddressItem } from '../../route/types.js';
import { registerTransportDriver } from '../registry.js';
import type { TransportContext, TransportDriver, TransportRun } from '../types.js';
import { SessionCache } from './cache.js';
import { readSmtpOptions, type SmtpOptions } from './options.js';
import { runSmtp, type RunOptions } from './run.js';

export type { RunOptions } from './run.js';

export interface SmtpTransportDriver extends TransportDriver {
  deliver(addresses: readonly AddressItem[], ctx: TransportContext, run?: RunOptions): Promise<TransportRun>;
  close(): Promise<void>;
  /** Number of connections kept open (tests, queue runner decisions). */
  readonly openConnections: number;
  readonly options: SmtpOptions;
}

export function createSmtpTransport(options: DriverOptions): SmtpTransportDriver {
  const opts = readSmtpOptions(options);
  const cache = new SessionCache();
  return {
    kind: 'remote',
    options: opts,
    deliver: (addresses, ctx, run) => runSmtp(addresses, ctx, opts, cache, run),
    close: () => cache.closeAll(),
    get openConnections() {
      return cache.size;
    },
  };
}

registerTransportDriver({
  name: 'smtp',
  kind: 'remote',
  create(options: DriverOptions, _instance: DriverInstance): TransportDriver {
    return createSmtpTransport(options);
  },
});
