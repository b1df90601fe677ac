/** ${quote_ldap/ldapdn/pgsql/mysql/sqlite:...} rules; expected texts checked with exim4 -be. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteLdap, quoteMysql, quotePgsql, quoteSqlite } from '../../src/lookups/drivers/quote-only.js';
import { createLookupRegistry } from '../../src/lookups/index.js';

test('LDAP quoting escapes filter characters, then URL-encodes', () => {
  assert.equal(quoteLdap('two * two'), 'two%20%5C2A%20two');
  assert.equal(quoteLdap('a(b)c\\d'), 'a%5C28b%5C29c%5C5Cd');
  assert.equal(quoteLdap('cn=a,b'), 'cn%3Da%2Cb');
  assert.equal(quoteLdap("!$'+-._~#é"), "!$'+-._%7E%23%C3%A9");
});

test('SQL quoting per server type', () => {
  assert.equal(quotePgsql('\x1a%_\\\'"x\n'), '\x1a%_\\\\\'\'\\"x\\n');
  assert.equal(quoteMysql('\x1a%_\\\'"x\t'), '\x1a%_\\\\\\\'\\"x\\t');
  assert.equal(quoteSqlite("it's \\\n"), "it''s \\\n");
});

test('quote-only types are not listed as working lookups', () => {
  const reg = createLookupRegistry();
  assert.ok(reg.get('ldap')?.quote);
  assert.ok(!reg.names().includes('ldap'));
  assert.ok(reg.names().includes('lsearch'));
});
