/**
 * Node SecureContexts for expanded server parameters, cached by the parameters, the files'
 * modification times (a changed file is reloaded, as Exim reloads its cached credentials) and
 * the ticket key generation. TLS1.2 is the lowest version ever enabled.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants as cryptoConstants, getDiffieHellman } from 'node:crypto';
import tls from 'node:tls';
import { TlsConfigError } from './errors.js';
import { TICKET_LIFETIME_S, type TicketKey } from './resumption.js';
import type { ServerParams } from './server-params.js';
import { certificateFromPem } from './certificate.js';
import type { ServerKey } from './server-choice.js';
import { makeSelfSigned, type SelfSigned } from './self-signed.js';

const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
/** tls_dhparam names of the RFC 2409/3526 groups Node ships (Exim's "ike" numbering). */
const IKE_GROUPS: Readonly<Record<string, string>> = { ike1: 'modp1', ike2: 'modp2', ike5: 'modp5', ike14: 'modp14', ike15: 'modp15', ike16: 'modp16', ike17: 'modp17', ike18: 'modp18' };

function readFile(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new TlsConfigError(`${option}: cannot read "${path}": ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** A file, or every regular file of a directory (hash links, .pem, .crt), concatenated. */
function readFileOrDir(option: string, path: string): Buffer {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new TlsConfigError(`${option}: "${path}" does not exist`);
  }
  if (!st.isDirectory()) return readFile(option, path);
  const parts = readdirSync(path)
    .sort()
    .filter((f) => /\.(pem|crt|crl|r?\d+)$/.test(f))
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f));
  return Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
}

/** Trust anchors for client certificates: "system" (optionally ",cache") or a file/directory. */
function trustAnchors(value: string): Array<string | Buffer> {
  if (/^system(,cache)?$/.test(value)) return existsSync(SYSTEM_CA_FILE) ? [readFileSync(SYSTEM_CA_FILE)] : [...tls.rootCertificates];
  if (!value.startsWith('/')) throw new TlsConfigError(`tls_verify_certificates: "${value}" is not an absolute path`);
  return [readFileOrDir('tls_verify_certificates', value)];
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const derInt = (b: Buffer): Buffer => {
  const body = b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
};

/** PKCS#3 "DH PARAMETERS" PEM for a prime and generator. */
function dhParamsPem(prime: Buffer, generator: Buffer): string {
  const body = Buffer.concat([derInt(prime), derInt(generator)]);
  const der = Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN DH PARAMETERS-----\n${b64}\n-----END DH PARAMETERS-----\n`;
}

/**
 * tls_dhparam → Node `dhparam`: 'auto' (OpenSSL's RFC 7919 choice) for unset, "default",
 * "historic", the ffdhe names and Exim's own "exim.dev" primes (not shipped with Node);
 * the RFC 2409/3526 "ike" groups Node has; a PEM file; "none" = no DHE.
 */
export function dhParam(value: string | undefined, maxBits: number): string | Buffer | undefined {
  if (value === undefined || value === 'default' || value === 'historic' || /^ffdhe\d+$/.test(value) || value.startsWith('exim.dev.')) return 'auto';
  if (value === 'none') return undefined;
  const ike = IKE_GROUPS[value];
  if (ike) {
    const dh = getDiffieHellman(ike);
    return dh.getPrime().length * 8 > maxBits ? undefined : dhParamsPem(dh.getPrime(), dh.getGenerator());
  }
  if (value.startsWith('/')) return readFile('tls_dhparam', value);
  throw new TlsConfigError(`unknown tls_dhparam value "${value}"`);
}

/** tls_eccurve → Node `ecdhCurve` (OpenSSL semantics; "auto" = library choice). */
export function ecdhCurve(eccurve: string | undefined, fromCiphers: string | undefined): string | undefined {
  if (fromCiphers) return fromCiphers;
  if (eccurve === undefined || eccurve === 'auto') return undefined;
  return eccurve.replace(/^prime256v1$/i, 'P-256').replace(/^secp384r1$/i, 'P-384').replace(/^secp521r1$/i, 'P-521');
}

function mtimes(paths: readonly (string | undefined)[]): string {
  return paths.map((p) => (p && p.startsWith('/') && existsSync(p) ? statSync(p).mtimeMs : 0)).join(',');
}

function credentials(p: ServerParams, own: () => SelfSigned): { cert: Array<string | Buffer>; key: Array<string | Buffer> } {
  if (p.certFiles.length === 0) return { cert: [own().cert], key: [own().key] };
  return { cert: p.certFiles.map((f) => readFile('tls_certificate', f)), key: p.keyFiles.map((f) => readFile('tls_privatekey', f)) };
}

export interface BuiltContext {
  readonly context: tls.SecureContext;
  /** The ecdhCurve the context was built with (undefined = OpenSSL's default list). */
  readonly ecdhCurve?: string;
}

export class SecureContextCache {
  private readonly cache = new Map<string, BuiltContext>();
  private readonly keyTypes = new Map<string, ServerKey>();
  private selfSigned?: SelfSigned;

  /** Key type (and curve) of the first certificate in each file, for choosing among them. */
  serverKeys(files: readonly string[]): ServerKey[] {
    return files.map((f) => {
      const id = `${f}\0${mtimes([f])}`;
      let k = this.keyTypes.get(id);
      if (!k) {
        const c = certificateFromPem(readFile('tls_certificate', f).toString('latin1'));
        k = { keyType: c.keyType, curveOid: c.curveOid };
        this.keyTypes.set(id, k);
      }
      return k;
    });
  }

  constructor(
    private readonly maxBits: () => number,
    private readonly hostname: () => string,
    private readonly limit = 64,
  ) {}

  /** The self-signed certificate for an unset tls_certificate, renewed when it has expired. */
  private ownCertificate(): SelfSigned {
    if (!this.selfSigned || this.selfSigned.notAfter <= Date.now() + 60_000) this.selfSigned = makeSelfSigned(this.hostname());
    return this.selfSigned;
  }

  get(params: ServerParams, ticketKey: TicketKey): BuiltContext {
    const files = [...params.certFiles, ...params.keyFiles, params.verifyCertificates, params.crl, params.dhparam];
    const own = params.certFiles.length === 0 ? this.ownCertificate().notAfter : 0;
    const key = JSON.stringify([params, ticketKey.serial, mtimes(files), own]);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const built = this.build(params, ticketKey);
    this.cache.set(key, built);
    if (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value!);
    return built;
  }

  private build(p: ServerParams, ticketKey: TicketKey): BuiltContext {
    const dh = dhParam(p.dhparam, this.maxBits());
    const curve = ecdhCurve(p.eccurve, p.ciphers.ecdhCurve);
    try {
      const context = tls.createSecureContext({
        ...credentials(p, () => this.ownCertificate()),
        ciphers: dh === undefined ? `${p.ciphers.ciphers}:!kDHE` : p.ciphers.ciphers,
        minVersion: p.ciphers.minVersion,
        maxVersion: p.ciphers.maxVersion,
        honorCipherOrder: false,
        ...(dh === undefined ? {} : { dhparam: dh }),
        ...(curve === undefined ? {} : { ecdhCurve: curve }),
        ...(p.verify !== 'none' && p.verifyCertificates ? { ca: trustAnchors(p.verifyCertificates) } : {}),
        ...(p.crl ? { crl: readFileOrDir('tls_crl', p.crl) } : {}),
        ticketKeys: ticketKey.keys,
        sessionTimeout: TICKET_LIFETIME_S,
        secureOptions: p.resumption ? 0 : cryptoConstants.SSL_OP_NO_TICKET,
      });
      return { context, ecdhCurve: curve };
    } catch (e) {
      if (e instanceof TlsConfigError) throw e;
      throw new TlsConfigError(`cannot set up TLS credentials: ${(e as Error).message}`);
    }
  }
}
