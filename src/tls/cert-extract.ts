/**
 * ${certextract{field[,modifiers]}{$certificate-variable}}: the fields and modifiers of the
 * spec's certextract item, with values formatted as Debian's exim4 (GnuTLS) gives them
 * (test/fixtures/tls/oracle.json).
 */
import { ExpandError } from '../expand/types.js';
import type { AltName, Certificate } from './certificate.js';
import { dnElements, dnText } from './dn.js';

/** GnuTLS's names of signature algorithms. */
const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'RSA-MD5',
  '1.2.840.113549.1.1.5': 'RSA-SHA1',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.113549.1.1.11': 'RSA-SHA256',
  '1.2.840.113549.1.1.12': 'RSA-SHA384',
  '1.2.840.113549.1.1.13': 'RSA-SHA512',
  '1.2.840.113549.1.1.14': 'RSA-SHA224',
  '1.2.840.10045.4.1': 'ECDSA-SHA1',
  '1.2.840.10045.4.3.1': 'ECDSA-SHA224',
  '1.2.840.10045.4.3.2': 'ECDSA-SHA256',
  '1.2.840.10045.4.3.3': 'ECDSA-SHA384',
  '1.2.840.10045.4.3.4': 'ECDSA-SHA512',
  '1.2.840.10040.4.3': 'DSA-SHA1',
  '2.16.840.1.101.3.4.3.2': 'DSA-SHA256',
  '1.3.101.112': 'EdDSA-Ed25519',
  '1.3.101.113': 'EdDSA-Ed448',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface CertExtractOptions {
  /** The main `timezone` option, for notbefore/notafter without `int` (default: the process's). */
  readonly timezone?: string;
}

interface Modifiers {
  sep: string;
  int: boolean;
  labels: string[];
}

/**
 * The value of `field` (with its comma-separated modifiers) from `cert`; undefined when the
 * certificate has no such field. Throws ExpandError for an unknown field name, as exim4 does.
 */
export function certExtract(spec: string, cert: Certificate, opts: CertExtractOptions = {}): string | undefined {
  const [field = '', ...mods] = spec.split(',');
  const m: Modifiers = { sep: '\n', int: false, labels: [] };
  for (const mod of mods) {
    if (mod.startsWith('>')) m.sep = mod.slice(1, 2);
    else if (mod === 'int') m.int = true;
    else if (mod !== '') m.labels.push(mod);
  }
  switch (field) {
    case 'version':
      return String(cert.version);
    case 'serial_number':
      return cert.serialHex;
    case 'subject':
    case 'issuer': {
      const rdns = field === 'subject' ? cert.subject : cert.issuer;
      const label = m.labels[0];
      return label === undefined ? dnText(rdns) : joinList(dnElements(rdns, label), m.sep);
    }
    case 'notbefore':
    case 'notafter': {
      const d = field === 'notbefore' ? cert.notBefore : cert.notAfter;
      return m.int ? String(Math.floor(d.getTime() / 1000)) : certTime(d, opts.timezone);
    }
    case 'sig_algorithm':
      return SIGNATURE_NAMES[cert.signatureOid] ?? cert.signatureOid;
    case 'signature':
      return [...cert.signature].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    case 'subj_altname':
      return altNames(cert.altNames, m);
    case 'ocsp_uri':
      return joinList(cert.ocspUris, m.sep);
    case 'crl_uri':
      return joinList(cert.crlUris, m.sep);
    default:
      throw new ExpandError(`bad field selector "${field}" for certextract`);
  }
}

const ALT_TAGS = { dns: 'DNS', mail: 'MAIL', uri: 'URI' } as const;

/**
 * subjectAltName as a tagged list (DNS=, MAIL=, URI=); one of the `dns`/`mail`/`uri` modifiers
 * selects a kind and drops the tags. exim4 leaves IP addresses out, and ignores other modifiers.
 */
function altNames(names: readonly AltName[], m: Modifiers): string {
  const kind = m.labels.map((l) => l.toLowerCase()).find((l): l is keyof typeof ALT_TAGS => l in ALT_TAGS);
  const items: string[] = [];
  for (const n of names) {
    if (n.kind !== 'dns' && n.kind !== 'mail' && n.kind !== 'uri') continue;
    if (kind === undefined) items.push(`${ALT_TAGS[n.kind]}=${n.value}`);
    else if (n.kind === kind) items.push(n.value);
  }
  return joinList(items, m.sep);
}

/** An Exim list: separator characters inside elements are doubled. */
function joinList(items: readonly string[], sep: string): string {
  if (sep === '') return items.join('');
  return items.map((i) => i.split(sep).join(sep + sep)).join(sep);
}

/**
 * Human-readable certificate time, "Jan  3 04:05:06 2026 GMT" (day space-padded). exim4 prints
 * GMT times with timezone = UTC; for other zones the local time and the zone's abbreviation.
 */
export function certTime(d: Date, timezone?: string): string {
  const zone = timezone === undefined || timezone === '' || /^(UTC|GMT|UTC0|GMT0|Etc\/UTC)$/i.test(timezone) ? 'UTC' : timezone;
  if (zone === 'UTC') return formatParts(d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCFullYear(), 'GMT');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    timeZoneName: 'short',
  }).formatToParts(d);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return formatParts(Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second')), Number(get('year')), get('timeZoneName'));
}

function formatParts(month: number, day: number, h: number, mi: number, s: number, year: number, zone: string): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[month]} ${String(day).padStart(2, ' ')} ${p2(h)}:${p2(mi)}:${p2(s)} ${year} ${zone}`;
}
