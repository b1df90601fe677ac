/**
 * The main-section TLS options of one connection, expanded (spec 43.6-43.12): certificate and
 * key files, ciphers, DH parameters, EC curve, trust anchors and CRL for client certificates,
 * and the per-host decisions (tls_verify_hosts, tls_try_verify_hosts, tls_resumption_hosts).
 */
import type { LoadedConfig } from '../config/types.js';
import { ExpandError, tainted, type ExpandContext } from '../expand/types.js';
import { matchHostList } from '../match/index.js';
import { listItems } from '../util/exim-list.js';
import { TlsConfigError } from './errors.js';
import { cipherSettings, type CipherSettings } from './priority.js';

export interface TlsHost {
  /** Client IP address (empty for a local connection). */
  readonly address: string;
  /** Client host name, when already looked up. */
  readonly name?: string;
}

export type VerifyMode = 'require' | 'try' | 'none';

export interface ServerParams {
  /** Empty when tls_certificate is unset: a self-signed certificate is used. */
  readonly certFiles: readonly string[];
  readonly keyFiles: readonly string[];
  readonly ciphers: CipherSettings;
  /** tls_dhparam after expansion (undefined: unset). */
  readonly dhparam?: string;
  /** tls_eccurve after expansion (undefined: unset = "auto"). */
  readonly eccurve?: string;
  /** tls_verify_certificates after expansion (undefined: unset or empty). */
  readonly verifyCertificates?: string;
  readonly crl?: string;
  readonly verify: VerifyMode;
  readonly resumption: boolean;
}

/** Option text as configured; undefined when unset. */
export function optionText(config: LoadedConfig, name: string): string | undefined {
  const v = config.mainOption(name);
  return v === undefined ? undefined : String(v);
}

/** Expands an option; forced failure and an empty result count as unset, as Exim treats them. */
export async function expandOption(config: LoadedConfig, name: string, ctx: ExpandContext): Promise<string | undefined> {
  const raw = optionText(config, name);
  if (raw === undefined) return undefined;
  try {
    const s = (await ctx.services.expand(raw, ctx)).s;
    return s === '' ? undefined : s;
  } catch (e) {
    if (e instanceof ExpandError && e.forced) return undefined;
    if (e instanceof ExpandError) throw new TlsConfigError(`failed to expand "${name}": ${e.message}`);
    throw e;
  }
}

/** Whether the host matches a host-list option (unset or empty: no). */
export async function hostMatches(config: LoadedConfig, name: string, host: TlsHost, ctx: ExpandContext): Promise<boolean> {
  const raw = optionText(config, name);
  if (raw === undefined || raw === '') return false;
  const list = (await ctx.services.expand(raw, ctx)).s;
  if (list === '') return false;
  if (host.address === '') return listItems(list).some((i) => i === '*');
  return (await matchHostList({ address: host.address, name: host.name ?? '' }, list, ctx)).matched;
}

/** Whether tls_certificate mentions $tls_in_sni, so that an SNI name changes the expansion. */
export function usesSni(config: LoadedConfig): boolean {
  return (optionText(config, 'tls_certificate') ?? '').includes('tls_in_sni');
}

/** A copy of the context with $tls_in_sni (and $tls_sni) set to the client's name, tainted. */
export function withSni(ctx: ExpandContext, sni: string | undefined): ExpandContext {
  if (sni === undefined) return ctx;
  const vars = new Map(ctx.vars);
  vars.set('tls_in_sni', tainted(sni));
  vars.set('tls_sni', tainted(sni));
  return { ...ctx, vars };
}

function absolutePaths(option: string, list: string): string[] {
  const files = listItems(list).filter((f) => f !== '');
  for (const f of files) if (!f.startsWith('/')) throw new TlsConfigError(`${option}: "${f}" is not an absolute path`);
  return files;
}

/** Expands every option for one connection (with the SNI name when tls_certificate uses it). */
export async function serverParams(config: LoadedConfig, host: TlsHost, baseCtx: ExpandContext, sni: string | undefined): Promise<ServerParams> {
  const ctx = usesSni(config) ? withSni(baseCtx, sni) : baseCtx;
  // Unset or empty: no files; the context gets exim4's self-signed certificate (self-signed.ts).
  const certList = await expandOption(config, 'tls_certificate', ctx);
  const certFiles = certList === undefined ? [] : absolutePaths('tls_certificate', certList);
  const keyList = await expandOption(config, 'tls_privatekey', ctx);
  const keyFiles = keyList === undefined || certFiles.length === 0 ? certFiles : absolutePaths('tls_privatekey', keyList);
  if (keyFiles.length !== certFiles.length) throw new TlsConfigError('tls_privatekey must list one key per tls_certificate file');
  const verifyCertificates = await expandOption(config, 'tls_verify_certificates', ctx);
  const requireVerify = await hostMatches(config, 'tls_verify_hosts', host, ctx);
  const tryVerify = !requireVerify && (await hostMatches(config, 'tls_try_verify_hosts', host, ctx));
  if ((requireVerify || tryVerify) && verifyCertificates === undefined) {
    throw new TlsConfigError('tls_verify_hosts or tls_try_verify_hosts is set but tls_verify_certificates is not');
  }
  return {
    certFiles,
    keyFiles,
    ciphers: cipherSettings(await expandOption(config, 'tls_require_ciphers', ctx)),
    dhparam: await expandOption(config, 'tls_dhparam', ctx),
    eccurve: await expandOption(config, 'tls_eccurve', ctx),
    verifyCertificates,
    crl: await expandOption(config, 'tls_crl', ctx),
    verify: requireVerify ? 'require' : tryVerify ? 'try' : 'none',
    resumption: await hostMatches(config, 'tls_resumption_hosts', host, ctx),
  };
}
