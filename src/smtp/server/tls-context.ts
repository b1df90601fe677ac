/**
 * The server's TLS context from tls_certificate / tls_privatekey (TLS 1.2 and 1.3 only), and
 * whether a client certificate is asked for (tls_verify_hosts / tls_try_verify_hosts).
 * Without a certificate the daemon does not offer STARTTLS (Exim would make up a self-signed
 * one; Mailwright does not, see docs/smtp-server.md).
 */
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { LoadedConfig } from '../../config/types.js';

export function serverTlsContext(config: LoadedConfig): tls.SecureContext | undefined {
  const str = (n: string) => {
    const v = config.mainOption(n);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const certFile = str('tls_certificate');
  if (certFile === undefined || certFile.includes('$')) return undefined;
  const keyFile = str('tls_privatekey') ?? certFile;
  const caFile = str('tls_verify_certificates');
  return tls.createSecureContext({
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    ca: caFile !== undefined && caFile !== 'system' && !caFile.includes('$') ? readFileSync(caFile) : undefined,
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
  });
}
