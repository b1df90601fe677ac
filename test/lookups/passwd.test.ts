import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { DefaultLookupRegistry } from '../../src/lookups/index.js';
import { createPasswdDriver, findPasswdEntry } from '../../src/lookups/drivers/passwd.js';
import { makeCtx } from './helpers.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nkr:x:42:42:King Rat:/home/kr:/bin/bash\nbroken:line\n';

describe('passwd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-passwd-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'passwd');
  writeFileSync(file, PASSWD);
  const reg = new DefaultLookupRegistry();
  reg.register(createPasswdDriver(file));
  const ctx = makeCtx(reg);
  const look = (spec: string, q: string) => reg.lookup(spec, untainted(q), undefined, ctx);

  it("formats the entry as the spec's example", async () => assert.equal((await look('passwd', 'kr')).value.s, '*:42:42:King Rat:/home/kr:/bin/bash'));
  it('root', async () => assert.equal((await look('passwd', 'root')).value.s, '*:0:0:root:/root:/bin/bash'));
  it('unknown user is not found', async () => assert.equal((await look('passwd', 'nobody')).found, false));
  it('names are case-sensitive', async () => assert.equal((await look('passwd', 'KR')).found, false));
  it('numeric ids are not names', async () => assert.equal((await look('passwd', '42')).found, false));
  it('leading white space of the query is ignored, trailing is not', async () => {
    assert.equal((await look('passwd', '  kr')).found, true);
    assert.equal((await look('passwd', 'kr ')).found, false);
  });
  it('empty query is not found', async () => assert.equal((await look('passwd', '')).found, false));
  it('ret=key', async () => assert.equal((await look('passwd,ret=key', 'kr')).value.s, 'kr'));
  it('partial and defaults are refused', async () => {
    await assert.rejects(look('partial-passwd', 'kr'), { message: '"partial" is not permitted for lookup type "passwd"' });
    await assert.rejects(look('passwd*@', 'kr'), { message: 'defaults using "*" or "*@" are not permitted for lookup type "passwd*@"' });
  });
  it('malformed lines are skipped', () => assert.equal(findPasswdEntry(PASSWD, 'broken'), null));
  it('an unreadable password file finds nothing', async () => {
    const r2 = new DefaultLookupRegistry();
    r2.register(createPasswdDriver(join(dir, 'missing')));
    assert.equal((await r2.lookup('passwd', untainted('root'), undefined, makeCtx(r2))).found, false);
  });
});
