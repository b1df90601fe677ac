/**
 * The dnsdb lookup (query-style): `${lookup dnsdb{[>sep[,fsep]] [modifiers,] type=name:...}}`.
 * Parsing and running live in src/dns (dnsdb-query.ts, dnsdb.ts); this adapter takes the
 * resolver of the process, sets $lookup_dnssec_authenticated and maps failures to deferrals
 * with Exim's texts. Results are not kept by the registry's cache: the resolver's own cache
 * honours the records' TTLs, and $lookup_dnssec_authenticated must be set on every use.
 */
import { resolverFor } from '../../dns/context.js';
import { DnsdbDefer, runDnsdb } from '../../dns/dnsdb.js';
import { DnsdbQueryError, parseDnsdbQuery } from '../../dns/dnsdb-query.js';
import { untainted } from '../../expand/types.js';
import { LookupDefer, type LookupDriver } from '../types.js';

export const dnsdbDriver: LookupDriver = {
  name: 'dnsdb',
  style: 'query',
  cacheable: false,
  async find(req, ctx) {
    try {
      const query = parseDnsdbQuery(req.key);
      return await runDnsdb(query, resolverFor(ctx), {
        setDnssecAuthenticated: (v) => ctx.vars.set('lookup_dnssec_authenticated', untainted(v)),
        csaUseReverse: ctx.config.mainOption('dns_csa_use_reverse') !== false,
      });
    } catch (err) {
      if (err instanceof DnsdbQueryError || err instanceof DnsdbDefer) throw new LookupDefer(err.message);
      throw err;
    }
  },
};
