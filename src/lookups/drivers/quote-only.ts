/**
 * Lookup types Exim 4.96 has but Mailwright cannot query yet (LDAP, MySQL, PostgreSQL, SQLite):
 * registered for their `${quote_<type>:...}` rules only. A lookup through them fails with a
 * clear error; the registry keeps them out of the -bV list of working lookup types.
 * The quoting rules below were checked byte by byte against exim4 -be.
 */
import { stringToBytes, bytesToString } from '../../expand/operators/bytes.js';
import type { ExpandContext } from '../../expand/types.js';
import { LookupDefer, LookupError, type LookupDriver, type LookupRequest } from '../types.js';

/** Characters an LDAP URL keeps as they are (everything else is %XX). */
const LDAP_URL_SAFE = /^[A-Za-z0-9!$'+\-._]$/;
/** Characters special in an LDAP filter, written as \XX before the URL encoding. */
const LDAP_FILTER_SPECIAL = new Set(['*', '(', ')', '\\']);

const hex2 = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');

/** Exim's LDAP quoting (same for ldap, ldapdn and ldapm): filter escapes, then URL encoding. */
export function quoteLdap(value: string): string {
  let out = '';
  for (const b of stringToBytes(value)) {
    const c = String.fromCharCode(b);
    if (LDAP_FILTER_SPECIAL.has(c)) out += '%5C' + hex2(b);
    else if (LDAP_URL_SAFE.test(c)) out += c;
    else out += '%' + hex2(b);
  }
  return bytesToString(Buffer.from(out, 'latin1'));
}

/** Control characters both SQL quoters write as backslash escapes. */
const SQL_CONTROL: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b' };

/** PostgreSQL: a quote is doubled; backslash, double quote and some controls are backslashed. */
export function quotePgsql(value: string): string {
  return value.replace(/['\\"\n\t\r\b]/g, (c) => (c === "'" ? "''" : (SQL_CONTROL[c] ?? '\\' + c)));
}

/** MySQL: quotes, backslash and some controls are backslashed. */
export function quoteMysql(value: string): string {
  return value.replace(/['\\"\n\t\r\b]/g, (c) => SQL_CONTROL[c] ?? '\\' + c);
}

/** SQLite: only the single quote, doubled. */
export function quoteSqlite(value: string): string {
  return value.replace(/'/g, "''");
}

/**
 * `servers`: for the SQL server types, the main option listing servers and the product name;
 * without the option Exim defers every lookup, and so do we, with its message.
 */
function quoteOnlyDriver(name: string, quote: (value: string) => string, servers?: { option: string; product: string }): LookupDriver {
  return {
    name,
    style: 'query',
    find(_req: LookupRequest, ctx: ExpandContext): Promise<string | null> {
      const configured = servers ? ctx.config.mainOption(servers.option) : undefined;
      if (servers && (configured === undefined || configured === '')) {
        return Promise.reject(new LookupDefer(`no ${servers.product} servers defined (${servers.option} option)`));
      }
      return Promise.reject(new LookupError(`lookup type ${name} is not supported yet (issue #6)`));
    },
    quote,
    cacheable: false,
  };
}

export const QUOTE_ONLY_DRIVERS: readonly LookupDriver[] = [
  quoteOnlyDriver('ldap', quoteLdap),
  quoteOnlyDriver('ldapdn', quoteLdap),
  quoteOnlyDriver('ldapm', quoteLdap),
  quoteOnlyDriver('mysql', quoteMysql, { option: 'mysql_servers', product: 'MySQL' }),
  quoteOnlyDriver('pgsql', quotePgsql, { option: 'pgsql_servers', product: 'PostgreSQL' }),
  quoteOnlyDriver('sqlite', quoteSqlite),
];
