/**
 * The smtp transport's options as read (unexpanded) through DriverOptions, so defaults agree
 * with -bP. Expansion happens per host/connection in the driver (expand.ts).
 */
import type { DriverOptions } from '../../config/driver-options.js';
import { ConfigError } from '../../util/errors.js';

export interface SmtpOptions {
  readonly name: string;
  readonly protocol: 'smtp' | 'lmtp' | 'smtps';
  readonly port: string;
  readonly hosts?: string;
  readonly hostsOverride: boolean;
  readonly hostsRandomize: boolean;
  readonly fallbackHosts?: string;
  readonly gethostbyname: boolean;
  readonly hostsMaxTry: number;
  readonly hostsMaxTryHardlimit: number;
  readonly interface?: string;
  readonly keepalive: boolean;
  readonly heloData: string;
  readonly connectTimeout: number;
  readonly commandTimeout: number;
  readonly dataTimeout: number;
  readonly finalTimeout: number;
  readonly maxRcpt: number;
  readonly connectionMaxMessages: number;
  readonly sizeAddition: number;
  readonly hostsAvoidEsmtp?: string;
  readonly hostsAvoidPipelining?: string;
  readonly hostsTryChunking?: string;
  readonly hostsAvoidTls?: string;
  readonly hostsRequireTls?: string;
  readonly hostsRequireAuth?: string;
  readonly hostsTryAuth?: string;
  readonly authenticatedSender?: string;
  readonly authenticatedSenderForce: boolean;
  readonly tlsCertificate?: string;
  readonly tlsPrivatekey?: string;
  readonly tlsRequireCiphers?: string;
  readonly tlsSni?: string;
  readonly tlsTempfailTryclear: boolean;
  readonly tlsVerifyCertificates?: string;
  readonly tlsVerifyHosts?: string;
  readonly tlsTryVerifyHosts?: string;
  readonly tlsVerifyCertHostnames?: string;
  readonly addressRetryIncludeSender: boolean;
  readonly retryIncludeIpAddress: string;
  readonly lmtpIgnoreQuota: boolean;
  readonly allowLocalhost: boolean;
  // Generic transport options applied to the message text.
  readonly headersAdd?: string;
  readonly headersRemove?: string;
  readonly returnPath?: string;
  readonly returnPathAdd: boolean;
  readonly deliveryDateAdd: boolean;
  readonly envelopeToAdd: boolean;
}

export function readSmtpOptions(o: DriverOptions): SmtpOptions {
  const protocol = (o.str('protocol') ?? 'smtp').toLowerCase();
  if (protocol !== 'smtp' && protocol !== 'lmtp' && protocol !== 'smtps') {
    throw new ConfigError(`${o.name} transport: protocol "${protocol}" is not smtp, lmtp, or smtps`, o.instance.loc.file, o.instance.loc.line);
  }
  const portSet = o.isSet('port');
  const retryIp = o.get('retry_include_ip_address');
  return {
    name: o.name,
    protocol,
    port: portSet ? (o.str('port') ?? 'smtp') : protocol,
    hosts: o.str('hosts'),
    hostsOverride: o.bool('hosts_override'),
    hostsRandomize: o.bool('hosts_randomize'),
    fallbackHosts: o.str('fallback_hosts'),
    gethostbyname: o.bool('gethostbyname'),
    hostsMaxTry: o.num('hosts_max_try', 5),
    hostsMaxTryHardlimit: o.num('hosts_max_try_hardlimit', 50),
    interface: o.str('interface'),
    keepalive: o.get('keepalive') !== false,
    heloData: o.str('helo_data') ?? '$primary_hostname',
    connectTimeout: o.num('connect_timeout', 300),
    commandTimeout: o.num('command_timeout', 300),
    dataTimeout: o.num('data_timeout', 300),
    finalTimeout: o.num('final_timeout', 600),
    maxRcpt: o.num('max_rcpt', 100),
    connectionMaxMessages: o.num('connection_max_messages', 500),
    sizeAddition: o.num('size_addition', 1024),
    hostsAvoidEsmtp: o.str('hosts_avoid_esmtp'),
    hostsAvoidPipelining: o.str('hosts_avoid_pipelining'),
    hostsTryChunking: o.str('hosts_try_chunking'),
    hostsAvoidTls: o.str('hosts_avoid_tls'),
    hostsRequireTls: o.str('hosts_require_tls'),
    hostsRequireAuth: o.str('hosts_require_auth'),
    hostsTryAuth: o.str('hosts_try_auth'),
    authenticatedSender: o.str('authenticated_sender'),
    authenticatedSenderForce: o.bool('authenticated_sender_force'),
    tlsCertificate: o.str('tls_certificate'),
    tlsPrivatekey: o.str('tls_privatekey'),
    tlsRequireCiphers: o.str('tls_require_ciphers'),
    tlsSni: o.str('tls_sni'),
    tlsTempfailTryclear: o.get('tls_tempfail_tryclear') !== false,
    tlsVerifyCertificates: o.str('tls_verify_certificates'),
    tlsVerifyHosts: o.str('tls_verify_hosts'),
    tlsTryVerifyHosts: o.str('tls_try_verify_hosts'),
    tlsVerifyCertHostnames: o.str('tls_verify_cert_hostnames'),
    addressRetryIncludeSender: o.get('address_retry_include_sender') !== false,
    retryIncludeIpAddress: retryIp === false ? 'false' : typeof retryIp === 'string' ? retryIp : 'true',
    lmtpIgnoreQuota: o.bool('lmtp_ignore_quota'),
    allowLocalhost: o.bool('allow_localhost'),
    headersAdd: o.str('headers_add'),
    headersRemove: o.str('headers_remove'),
    returnPath: o.str('return_path'),
    returnPathAdd: o.bool('return_path_add'),
    deliveryDateAdd: o.bool('delivery_date_add'),
    envelopeToAdd: o.bool('envelope_to_add'),
  };
}
