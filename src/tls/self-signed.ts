/**
 * The certificate exim4 presents when tls_certificate is unset: self-signed, made at startup,
 * subject and issuer "C=UK,O=Exim Developers,CN=<primary_hostname>", serial 01 00 00 00 00 00
 * 00 00, version 3, RSA with SHA-256, valid for two hours, no extensions (oracle "selfsigned").
 * Node cannot make certificates, so the DER is assembled here and signed with node:crypto.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';

const VALIDITY_MS = 2 * 3600_000;

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
};
const printable = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'latin1'));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const rdn = (type: string, value: Buffer): Buffer => tlv(0x31, seq(oid(type), value));

function utcTime(d: Date): Buffer {
  const p = (n: number): string => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, 'latin1'));
}

export interface SelfSigned {
  readonly cert: string;
  readonly key: string;
  readonly notAfter: number;
}

/** A fresh self-signed certificate and key (PEM) for `hostname`. */
export function makeSelfSigned(hostname: string, now = Date.now()): SelfSigned {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = seq(rdn('2.5.4.6', printable('UK')), rdn('2.5.4.10', utf8('Exim Developers')), rdn('2.5.4.3', utf8(hostname)));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, Buffer.from([1, 0, 0, 0, 0, 0, 0, 0])),
    sha256WithRsa,
    name,
    seq(utcTime(new Date(now)), utcTime(new Date(now + VALIDITY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign('sha256').update(tbs).sign(privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    notAfter: now + VALIDITY_MS,
  };
}
