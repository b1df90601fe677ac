/**
 * Mailwright's DNS module: a stub resolver (UDP with TCP fallback, resolv.conf and dns_*
 * options, TTL cache, CNAME chasing, DNSSEC via the trusted server's AD bit), host lookups
 * (bydns / byname / reverse with forward confirmation), MX and DNS block list helpers, and
 * the engine of the dnsdb lookup. See docs in each module.
 */
export { DnsResolver, type DomainPredicate, type LookupOptions, type ResolverConfig } from './resolver.js';
export { resolverConfigFrom, mainDnsOptions, domainListOption, type DnsMainOptions } from './config.js';
export { attachResolver, hostFinderFor, resolverFor } from './context.js';
export { dnssecPolicy, type DnssecPolicy } from './dnssec-policy.js';
export { parseResolvConf, systemResolvConf, type ResolvConf } from './resolv-conf.js';
export { HostFinder, type HostAddresses, type HostNames, type LookupOrder } from './host.js';
export { HostsFile, parseHostsFile, sameAddress } from './hosts-file.js';
export { lookupMx, sortMx, randomShuffle, type MxHost, type MxResult, type Shuffler } from './mx.js';
export { dnsblLookup, dnsblQueryName, type DnsblResult } from './dnsbl.js';
export { csaLookup, csaQueryName } from './csa.js';
export { parseDnsdbQuery, DnsdbQueryError, type DnsdbQuery } from './dnsdb-query.js';
export { runDnsdb, DnsdbDefer } from './dnsdb.js';
export { formatRecord } from './format.js';
export { reverseName, reversedAddress, ipv6Bytes } from './names.js';
export { encodeQuery, decodeMessage } from './wire.js';
export type { ServerAddress } from './transport.js';
export * from './types.js';
