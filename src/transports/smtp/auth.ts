/**
 * Client authentication for the smtp transport (spec "SMTP authentication", client side):
 * with hosts_try_auth / hosts_require_auth matching, each authenticator with a client side
 * (plaintext with client_send, cram_md5 with client_secret), in configuration order, whose
 * public name the server advertised, is tried until one succeeds.
 */
import { cramMd5ClientStep, PlaintextClient } from '../../auth/client.js';
import { DriverOptions } from '../../config/driver-options.js';
import type { DriverInstance } from '../../config/types.js';
import { expand } from '../../expand/index.js';
import type { HostItem } from '../../route/types.js';
import type { Capabilities } from '../../smtp/client/capabilities.js';
import { authExchange, type ClientMechanism } from '../../smtp/client/auth.js';
import type { SmtpConnection } from '../../smtp/client/connection.js';
import type { OptionExpander } from './expand.js';
import type { HostFailure } from './open.js';
import { EXIM_ERRNO, smtpErrorText } from './outcome.js';
import type { SmtpOptions } from './options.js';

export interface AuthEnv {
  readonly host: HostItem;
  readonly opts: SmtpOptions;
  readonly exp: OptionExpander;
  readonly timeoutMs: number;
  readonly primaryHostname?: string;
}

function hasClientSide(o: DriverOptions): boolean {
  if (o.instance.driver === 'plaintext') return o.isSet('client_send');
  if (o.instance.driver === 'cram_md5') return o.isSet('client_secret');
  return false;
}

function mechanismFor(inst: DriverInstance, publicName: string, env: AuthEnv): ClientMechanism {
  const ctx = env.exp.context();
  if (inst.driver === 'plaintext') {
    const client = new PlaintextClient(inst, ctx);
    return { name: inst.name, publicName, initial: () => client.initial(), respond: (c) => client.respond(c) };
  }
  const primary = String(ctx.config.mainOption('primary_hostname') ?? env.primaryHostname ?? '');
  return {
    name: inst.name,
    publicName,
    initial: async () => ({ send: '' }),
    respond: (c) => cramMd5ClientStep(inst, ctx, c, primary),
  };
}

const failure = (message: string, errno: number = EXIM_ERRNO.AUTHFAIL): HostFailure => ({ failure: true, errno, message, permanent: false, hostLevel: true, retryError: 'auth_failed' });

/** The authenticator used (A=name or A=name:id), or a failure when authentication was required. */
export async function clientAuthenticate(conn: SmtpConnection, authenticators: readonly DriverInstance[], caps: Capabilities, env: AuthEnv): Promise<{ name?: string } | HostFailure> {
  const require = await env.exp.hostIn('hosts_require_auth', env.opts.hostsRequireAuth, env.host);
  const tryAuth = require || (await env.exp.hostIn('hosts_try_auth', env.opts.hostsTryAuth, env.host));
  if (!tryAuth) return {};
  let lastError: string | undefined;
  if (caps.auth.length > 0) {
    for (const inst of authenticators) {
      const o = new DriverOptions(inst);
      if (!hasClientSide(o)) continue;
      const publicName = (o.str('public_name') ?? inst.name).toUpperCase();
      if (!caps.auth.includes(publicName)) continue;
      const r = await authExchange(conn, mechanismFor(inst, publicName, env), env.timeoutMs);
      if (r.kind === 'ok') return { name: await authName(inst, o, env) };
      if (r.kind === 'error') return failure(r.message, 0);
      if (r.kind === 'failed') lastError = smtpErrorText(r.command, r.reply);
    }
  }
  if (!require) return {};
  return failure(lastError ? `authentication required but authentication attempt(s) failed` : `authentication required but no authenticator was available`);
}

async function authName(inst: DriverInstance, o: DriverOptions, env: AuthEnv): Promise<string> {
  const setId = o.str('client_set_id');
  if (setId === undefined) return inst.name;
  try {
    const id = (await expand(setId, env.exp.context())).s;
    return id === '' ? inst.name : `${inst.name}:${id}`;
  } catch {
    return inst.name;
  }
}
