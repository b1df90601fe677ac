// The libsrs_alt variants of classic SRS that Mail::SRS does not have (no time stamp, no hash,
// database mode), and the rules of checking: hash minimum, secret rotation, smashed case, time
// stamp window, and the result codes of refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { ClassicSrs, SrsError, uniqueId, type ClassicSrsOptions } from '../../src/srs/index.js';

const T0 = 1577836860_000; // stamp 2W
const DAY = 86_400_000;
const base: ClassicSrsOptions = { secrets: ['s3cret'], maxAge: 31, hashLength: 6, hashMin: 6 };
const srs = (o: Partial<ClassicSrsOptions> = {}): ClassicSrs => new ClassicSrs({ ...base, ...o });
/** The classic hash computed here independently: base64 HMAC-SHA1 of the lower-cased data. */
const h = (data: string, len = 6, secret = 's3cret'): string => createHmac('sha1', secret).update(data.toLowerCase()).digest('base64').slice(0, len);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SrsError) return err.code;
    throw err;
  }
  return 'ok';
}

test('SRS0 with and without time stamp and hash fields', async () => {
  const a = 'User@Orig.Example';
  assert.equal(await srs().forward(a, 'fwd', T0), `SRS0=${h('2Worig.exampleuser')}=2W=Orig.Example=User@fwd`);
  assert.equal(await srs({ useTimestamp: false }).forward(a, 'fwd', T0), `SRS0=${h('orig.exampleuser')}=Orig.Example=User@fwd`);
  assert.equal(await srs({ useHash: false }).forward(a, 'fwd', T0), 'SRS0=2W=Orig.Example=User@fwd');
  assert.equal(await srs({ useHash: false, useTimestamp: false }).forward(a, 'fwd', T0), 'SRS0=Orig.Example=User@fwd');
  for (const o of [{}, { useTimestamp: false }, { useHash: false }, { useHash: false, useTimestamp: false }]) {
    const fwd = await srs(o).forward(a, 'fwd', T0);
    assert.deepEqual(await srs(o).reverse(fwd, T0), { address: a, caseBroken: false }, JSON.stringify(o));
  }
});

test('SRS1 always carries a hash, even without use_hash, and reverses to the SRS0 address', async () => {
  const srs0 = 'SRS0+HHHH=TT=orig.example=user@hop1.example';
  const srs1 = await srs({ useHash: false }).forward(srs0, 'fwd', T0);
  assert.equal(srs1, `SRS1=${h('hop1.example+HHHH=TT=orig.example=user')}=hop1.example=+HHHH=TT=orig.example=user@fwd`);
  assert.deepEqual(await srs({ useHash: false }).reverse(srs1, T0), { address: srs0, caseBroken: false });
  const again = await srs({ separator: '-' }).forward(srs1.replace('@fwd', '@hop2'), 'fwd2', T0);
  assert.equal(again, `SRS1-${h('hop1.example+HHHH=TT=orig.example=user')}=hop1.example=+HHHH=TT=orig.example=user@fwd2`);
});

test('a hash may be cut down to hash_min characters, not below', async () => {
  const fwd = await srs({ hashLength: 8, hashMin: 4 }).forward('u@d', 'f', T0);
  const hash = fwd.slice(5, 13);
  const cut = (n: number): string => fwd.replace(hash, hash.slice(0, n));
  assert.equal((await srs({ hashLength: 8, hashMin: 4 }).reverse(cut(5), T0)).address, 'u@d');
  assert.equal(await code(srs({ hashLength: 8, hashMin: 4 }).reverse(cut(3), T0)), 'badhash');
});

test('older secrets still verify; new hashes use the first', async () => {
  const old = await srs({ secrets: ['old'] }).forward('u@d', 'f', T0);
  assert.equal((await srs({ secrets: ['new', 'old'] }).reverse(old, T0)).address, 'u@d');
  assert.equal(await code(srs({ secrets: ['new'] }).reverse(old, T0)), 'badhash');
  assert.equal(await srs({ secrets: ['new', 'old'] }).forward('u@d', 'f', T0), `SRS0=${h('2Wdu', 6, 'new')}=2W=d=u@f`);
});

test('a hash whose case was changed still verifies, flagged as case-broken', async () => {
  const fwd = await srs().forward('u@d', 'f', T0);
  assert.deepEqual(await srs().reverse(fwd.toLowerCase(), T0), { address: 'u@d', caseBroken: true });
  assert.deepEqual(await srs().reverse(fwd.toUpperCase(), T0), { address: 'U@D', caseBroken: true });
});

test('time stamps: valid from today back max_age days; future, expired and malformed ones refused', async () => {
  const fwd = await srs({ maxAge: 3 }).forward('u@d', 'f', T0);
  assert.equal((await srs({ maxAge: 3 }).reverse(fwd, T0 + 3 * DAY)).address, 'u@d');
  assert.equal(await code(srs({ maxAge: 3 }).reverse(fwd, T0 + 4 * DAY)), 'timestampexpired');
  assert.equal(await code(srs({ maxAge: 3 }).reverse(fwd, T0 - DAY)), 'timestampexpired');
  assert.equal((await srs({ maxAge: 3 }).reverse(fwd, T0 + 1024 * DAY)).address, 'u@d');
  assert.equal(await code(srs().reverse(fwd.replace('=2W=', '=2!='), T0)), 'badtimestamp');
  assert.equal(await code(srs().reverse(fwd.replace('=2W=', '=2WX='), T0)), 'badsrs');
});

test('refusals carry the libsrs_alt result codes and texts', async () => {
  assert.equal(await code(srs().reverse('plain@x', T0)), 'notsrs');
  assert.equal(await code(srs().reverse('SRS2=a=b@x', T0)), 'notsrs');
  assert.equal(await code(srs().reverse('SRS0=nohashfield@x', T0)), 'badsrs');
  assert.equal(await code(srs().reverse('SRS0=hhhhhh=2W=nodomainsep@x', T0)), 'badsrs');
  assert.equal(await code(srs().reverse('SRS1=hhhhhh=nohost@x', T0)), 'badsrs');
  assert.equal(await code(srs().forward('nodomain', 'f', T0)), 'badparam');
  assert.equal(await code(srs().forward('@d', 'f', T0)), 'badparam');
  assert.equal(await code(srs().forward('u@', 'f', T0)), 'badparam');
  assert.equal(await code(srs().forward('u\\@v@d', 'f', T0)), 'badparam');
  assert.equal(await code(srs().forward('u@d', 'a@f', T0)), 'badparam');
  assert.equal(await code(srs().forward('u@d', '', T0)), 'badparam');
  assert.equal(await code(srs().forward(`${'x'.repeat(250)}@domain.example`, 'f', T0)), 'addresstoolong');
  assert.equal(await code(srs().forward('SRS1=nohashsep@d', 'f', T0)), 'badsrs');
  try {
    await srs().reverse('SRS0=x=2W=d=u@f', T0);
    assert.fail('accepted a forged hash');
  } catch (err) {
    assert.ok(err instanceof SrsError);
    assert.equal(err.message, 'Hash verification failed (forged)');
  }
});

test('database mode: the key stands for the address, the hash covers stamp and key', async () => {
  const store = new Map<string, string>();
  const db = {
    insert: async (address: string) => {
      const key = `k${store.size}`;
      store.set(key, address);
      return key;
    },
    lookup: async (key: string) => store.get(key) ?? '',
  };
  const fwd = await srs({ db }).forward('Someone@Orig.Example', 'f', T0);
  assert.equal(fwd, `SRS0=${h('2Wk0')}=2W=k0@f`);
  assert.deepEqual(await srs({ db }).reverse(fwd, T0), { address: 'Someone@Orig.Example', caseBroken: false });
  assert.equal(await code(srs({ db }).reverse(fwd.replace('=k0@', '=k1@'), T0)), 'badhash');
  assert.equal(await code(srs({ db: {} }).forward('u@d', 'f', T0)), 'dberror');
  // SRS addresses from earlier hops are not stored: they become SRS1 as usual.
  assert.match(await srs({ db }).forward('SRS0=a=b=c=d@hop', 'f', T0), /^SRS1=/);
});

test('database keys (unique ids) hash the address with its case kept', () => {
  const raw = createHmac('sha1', 's3cret').update('Alice@Orig.Example').digest('base64').slice(0, 16);
  assert.equal(uniqueId('s3cret', 'Alice@Orig.Example', 16), raw);
  assert.notEqual(uniqueId('s3cret', 'Alice@Orig.Example', 16), uniqueId('s3cret', 'alice@orig.example', 16));
});

test('the SRS0/SRS1 tag is recognised caselessly, ASCII letters only', async () => {
  // An SRS1 address gives back its SRS0 address with the tag written in capitals.
  assert.equal((await srs().reverse(await srs().forward('srs0=h=2W=d=u@hop', 'f', T0), T0)).address, 'SRS0=h=2W=d=u@hop');
  assert.equal(await code(srs().reverse('\u017fRS0=hhhhhh=2W=d=u@f', T0)), 'notsrs');
});
