import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExpandError, untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { wildKeyMatches } from '../../src/lookups/drivers/wildlsearch.js';
import { LookupDefer, LookupError } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('(n)wildlsearch', () => {
  const scratch = makeScratch();
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const reg = createLookupRegistry();
  reg.register({ name: 'fakequery', style: 'query', find: async (req) => (req.key === 'yes' ? 'ok' : null) });
  const ctx = makeCtx(reg);
  const write = (name: string, text: string) => {
    const p = join(scratch, name);
    writeFileSync(p, text);
    return untainted(p);
  };
  const wild = write('unit.wild', '*.Example.COM  ends\n^b[aeiou]+t$  regex\nfakequery;yes  via query\n"lit key" literal\n');
  const look = (spec: string, key: string, file = wild) => reg.lookup(spec, untainted(key), file, ctx);

  it('suffix patterns are caseless', async () => assert.equal((await look('nwildlsearch', 'www.example.com')).value.s, 'ends'));
  it('regex patterns are caseless', async () => assert.equal((await look('nwildlsearch', 'BOOT')).value.s, 'regex'));
  it('regex must match as written', async () => {
    const f = write('re.wild', '^b[aeiou]+t$  regex\n');
    assert.equal((await look('nwildlsearch', 'boots', f)).found, false);
  });
  it('a query-style nested lookup uses the text after ; as the query', async () => {
    assert.equal((await look('nwildlsearch', 'anything')).value.s, 'via query');
  });
  it('quoted literal keys', async () => {
    const onlyLiteral = write('lit.wild', '"lit key" literal\n');
    assert.equal((await look('nwildlsearch', 'LIT KEY', onlyLiteral)).value.s, 'literal');
  });
  it('not found, * default and ret=key', async () => {
    const f = write('small.wild', 'abc x\n*fallback y\n');
    assert.equal((await look('nwildlsearch', 'zzz', f)).found, false);
    const withStar = write('star.wild', 'abc x\n* any\n');
    assert.equal((await look('nwildlsearch', 'zzz', withStar)).value.s, 'any');
    assert.equal((await look('nwildlsearch,ret=key', 'abc', f)).value.s, 'abc');
  });
  it('*@ default on a wildlsearch file', async () => {
    const f = write('at.wild', '"*@dom" at-dom\n');
    assert.equal((await look('nwildlsearch*@', 'u@dom', f)).value.s, 'at-dom');
  });
  it('wildlsearch expands keys; nwildlsearch does not', async () => {
    const f = write('exp.wild', '\\N^\\d+$\\N digits\n');
    assert.equal((await look('wildlsearch', '123', f)).value.s, 'digits');
    assert.equal((await look('nwildlsearch', '123', f)).found, false);
  });
  it('a key whose expansion fails makes the lookup defer with no message', async () => {
    const f = write('bad.wild', '$nosuchvar x\n');
    await assert.rejects(look('wildlsearch', 'k', f), (err: unknown) => err instanceof LookupDefer && err.message === '');
  });
  it('a bad regex is an error naming the pattern', async () => {
    const f = write('badre.wild', '^[ x\n');
    await assert.rejects(look('nwildlsearch', 'k', f), (err: unknown) => {
      assert.ok(err instanceof LookupError);
      assert.match(err.message, /^regular expression error: .* while compiling \^\[$/);
      return true;
    });
  });
  it('an unknown nested lookup type is an error', async () => {
    const f = write('badtype.wild', 'nosuch;/x y\n');
    await assert.rejects(look('nwildlsearch', 'k', f), { message: 'unknown lookup type "nosuch"' });
  });
  it('wildKeyMatches: literal comparison is ASCII-caseless only', async () => {
    assert.equal(await wildKeyMatches('ABC', 'abc', ctx), true);
    assert.equal(await wildKeyMatches('É', 'é', ctx), false);
  });
  it('expander errors other than ExpandError propagate', async () => {
    const boom = makeCtx(reg, async () => {
      throw new TypeError('bug');
    });
    const f = write('boom.wild', 'a\\$ x\n');
    await assert.rejects(reg.lookup('wildlsearch', untainted('k'), f, boom), TypeError);
    assert.ok(new ExpandError('x') instanceof Error);
  });
});
