/**
 * Connects the delivery process to the report composers of src/deliver/bounce: gathers the
 * main options they read and turns failed AddressItems into ReportAddresses. Errors go to the
 * address's errors_to when a router set one, else to the envelope sender.
 */
import { readFile } from 'node:fs/promises';
import type { LoadedConfig } from '../config/types.js';
import { fromLoadedConfig } from '../cli/runtime-config.js';
import { createExpandContext, expandString } from '../expand/index.js';
import { untainted } from '../expand/types.js';
import { createLookupRegistry } from '../lookups/index.js';
import type { AddressItem } from '../route/types.js';
import { composeBounce, composeDelayWarning, composeSuccessDsn, type ReportAddress, type ReportInput, type ReportOptions } from './bounce/index.js';
import type { SpoolMessage } from '../spool/types.js';
import { headerSource } from '../smtp/server/message.js';
import { messageVariables } from './message-vars.js';
import { resultOf, smtpResponseOf } from './results.js';
import type { BounceComposer } from './types.js';

function str(config: LoadedConfig, name: string): string | undefined {
  const v = config.mainOption(name);
  return typeof v === 'string' ? v : undefined;
}

async function reportOptions(config: LoadedConfig): Promise<ReportOptions> {
  const primaryHostname = str(config, 'primary_hostname') ?? '';
  const file = str(config, 'bounce_message_file');
  const size = config.mainOption('bounce_return_size_limit');
  const linesize = config.mainOption('bounce_return_linesize_limit');
  return {
    primaryHostname,
    qualifyDomain: str(config, 'qualify_domain') ?? primaryHostname,
    dsnFrom: str(config, 'dsn_from'),
    errorsReplyTo: str(config, 'errors_reply_to'),
    bounceMessageText: str(config, 'bounce_message_text'),
    bounceReturnBody: config.mainOption('bounce_return_body') !== false,
    ...(typeof size === 'number' ? { bounceReturnSizeLimit: size } : {}),
    ...(typeof linesize === 'number' ? { bounceReturnLinesizeLimit: linesize } : {}),
    ...(file ? { bounceMessageFile: await readFile(file, 'utf8').catch(() => undefined) } : {}),
  };
}

function depth(addr: AddressItem): number {
  let n = 0;
  for (let a = addr.parent; a; a = a.parent) n++;
  return n;
}

export function reportAddress(addr: AddressItem): ReportAddress {
  const r = resultOf(addr);
  const host = r?.host?.address ? { name: r.host.name, address: r.host.address, ...(r.host.port ? { port: r.host.port } : {}), ...(r.remoteGreeting ? { greeting: r.remoteGreeting } : {}), ...(r.heloResponse ? { heloResponse: r.heloResponse } : {}) } : undefined;
  const smtpResponse = smtpResponseOf(r?.message);
  return {
    address: addr.address,
    message: r?.output !== undefined ? undefined : (addr.userMessage ?? addr.message),
    dsnFlags: addr.dsn.flags,
    ...(addr.dsn.orcpt ? { orcpt: addr.dsn.orcpt } : {}),
    ...(host ? { host } : {}),
    ...(smtpResponse ? { smtpResponse } : {}),
    ...(addr.parent ? { generatedFrom: { top: addr.top.address, levels: depth(addr) } } : {}),
    ...(r?.output !== undefined ? { returnOutput: r.output } : {}),
  };
}

export function bounceComposerFor(config: LoadedConfig): BounceComposer {
  const view = fromLoadedConfig(config).view;
  const lookups = createLookupRegistry();
  const input = async (original: SpoolMessage, body: Buffer, recipient: string, now: Date): Promise<ReportInput> => {
    // Template items see the original message: $sender_address, $h_subject: and the like.
    const expand = async (text: string, vars: Readonly<Record<string, string>>) => {
      const ctx = createExpandContext({ config: view, lookups, vars: messageVariables(original), headers: headerSource(original.headers) });
      for (const [k, v] of Object.entries(vars)) ctx.vars.set(k, untainted(v));
      return expandString(text, ctx);
    };
    const options = await reportOptions(config);
    const warnFile = str(config, 'warn_message_file');
    const dsnFrom = options.dsnFrom === undefined ? undefined : await expand(options.dsnFrom, {});
    const warnMessageFile = warnFile ? await readFile(warnFile, 'utf8').catch(() => undefined) : undefined;
    return { message: original, body, recipient, options: { ...options, dsnFrom, ...(warnMessageFile ? { warnMessageFile } : {}) }, expand, now: Math.floor(now.getTime() / 1000) };
  };
  return {
    async compose(original, body, failed, now) {
      const recipient = failed.find((a) => a.prop.errorsAddress)?.prop.errorsAddress ?? original.sender;
      return composeBounce(await input(original, body, recipient, now), failed.map(reportAddress));
    },
    async composeWarning(original, body, deferred, now) {
      return composeDelayWarning(await input(original, body, original.sender, now), deferred.map(reportAddress));
    },
    async composeSuccess(original, body, delivered, now) {
      return composeSuccessDsn(await input(original, body, original.sender, now), delivered.map(reportAddress));
    },
  };
}
