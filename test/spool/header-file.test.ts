import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { tainted, untainted } from '../../src/expand/types.js';
import { parseHeaderFile } from '../../src/spool/header-file-read.js';
import { renderHeaderFile, type SpoolMessageContent } from '../../src/spool/header-file-write.js';
import { SpoolFormatError } from '../../src/spool/errors.js';
import { fixtureMessage, fixtureMessages } from './fixtures.js';

describe('-H files written by exim4', () => {
  const all = fixtureMessages();
  it('has fixtures', () => assert.ok(all.length >= 15));

  for (const f of all) {
    it(`${f.caseName}/${f.id}: parses and renders byte-identical`, () => {
      const m = parseHeaderFile(f.h, f.id);
      assert.equal(m.id, f.id);
      assert.deepEqual(renderHeaderFile(m.id, m), f.h);
    });

    it(`${f.caseName}/${f.id}: option order does not depend on the map order`, () => {
      const m = parseHeaderFile(f.h, f.id);
      const shuffled = { ...m, options: new Map([...m.options].reverse()), aclVars: new Map([...m.aclVars].reverse()) };
      assert.deepEqual(renderHeaderFile(m.id, shuffled), f.h);
    });
  }
});

describe('-H reader details', () => {
  it('reads the envelope of an SMTP message', () => {
    const m = parseHeaderFile(fixtureMessage('esmtp-basic').h);
    assert.equal(m.sender, 'a@b.example');
    assert.deepEqual(m.owner, { login: 'root', uid: 0, gid: 0 });
    assert.deepEqual(m.received, { seconds: 1700000000, micros: 100000 });
    assert.equal(m.warningCount, 0);
    assert.equal(m.options.get('host_address'), '[192.0.2.1]:1234');
    assert.equal(m.options.get('received_protocol'), 'esmtp');
    assert.equal(m.options.get('deliver_firsttime'), true);
    assert.deepEqual([...(m.taintedOptions ?? [])].sort(), ['helo_name', 'host_address', 'interface_address']);
    assert.deepEqual(m.aclVars.get('acl_c1'), untainted('hello\nworld'));
    assert.deepEqual(m.aclVars.get('acl_m_foo'), untainted('bar'));
    assert.deepEqual(m.recipients, [{ address: 'x@y.example' }, { address: 'z@y.example' }]);
    assert.equal(m.frozen, false);
    assert.deepEqual(m.headers.map((h) => h.type), ['P', ' ', 'T']);
    assert.equal(m.headers[1]!.text, 'Subject: hello\n');
  });

  it('reads DSN recipients, tainted ACL variables and frozen state', () => {
    const m = parseHeaderFile(fixtureMessage('esmtp-dsn-auth-frozen').h);
    assert.deepEqual(m.recipients[0], { address: 'x@y.example', dsnOrcpt: 'rfc822;X@y.example', dsnFlags: 12, dsnNotify: ['SUCCESS', 'FAILURE'] });
    assert.deepEqual(m.recipients[1], { address: 'z@y.example', dsnFlags: 2, dsnNotify: ['NEVER'] });
    // ORCPT alone is not stored by Exim: the line is plain.
    assert.deepEqual(m.recipients[3], { address: 'v@y.example' });
    assert.deepEqual(m.aclVars.get('acl_m_t'), tainted('client.example'));
    assert.equal(m.frozen, true);
    assert.equal(m.options.get('frozen'), '1700000000');
    assert.equal(m.options.get('dsn_envid'), 'env123');
    assert.deepEqual(m.headers.map((h) => h.type).join(''), 'P FCBRSI ');
    assert.equal(m.headers.at(-1)!.text, 'X-Long: aaa\n  bbb\n');
  });

  it('reads the non-recipients tree and marks delivered recipients', () => {
    const m = parseHeaderFile(fixtureMessage('local-partial-delivery').h);
    assert.deepEqual(m.nonRecipients, { address: 'ok@x.example' });
    assert.deepEqual(
      m.recipients.map((r) => [r.address, r.delivered === true]),
      [
        ['later@x.example', false],
        ['ok@x.example', true],
        ['again@x.example', false],
      ],
    );
  });

  it('reads 8-bit bytes losslessly and counts header lengths in bytes', () => {
    const f = fixtureMessage('esmtp-ret-full-auth-sender');
    const m = parseHeaderFile(f.h);
    const subject = m.headers.find((h) => h.text.startsWith('Subject:'))!;
    assert.equal(subject.text, 'Subject: caf\udce9 \u00e9t\u00e9\n'); // lone 0xE9 kept as an escape
    assert.ok(m.headers.some((h) => h.text.length > 1000));
    assert.match(f.h.toString('latin1'), /\n1108  X-Big: /);
  });

  it('reads the obsolete -acl form and drops lookup quoters', () => {
    const text = 'id-H\nu 1 2\n<a@b>\n5 0\n-acl 3 2\nxy\n-acl 12 1\nz\n-aclm(pgsql) _q 1\nq\n-local\nXX\n1\nr@s\n\n';
    const m = parseHeaderFile(Buffer.from(text));
    assert.deepEqual([...m.aclVars.keys()].sort(), ['acl_c3', 'acl_m2', 'acl_m_q']);
    assert.equal(m.aclVars.get('acl_m2')!.s, 'z');
    assert.equal(m.received.micros, 0);
  });

  const bad: Array<[string, string]> = [
    ['no name line', 'x\nu 1 2\n<a>\n5 0\nXX\n0\n\n'],
    ['bad owner', 'i-H\nu x 2\n<a>\n5 0\nXX\n0\n\n'],
    ['sender without brackets', 'i-H\nu 1 2\na\n5 0\nXX\n0\n\n'],
    ['bad time', 'i-H\nu 1 2\n<a>\nfive 0\nXX\n0\n\n'],
    ['short ACL value', 'i-H\nu 1 2\n<a>\n5 0\n-aclm _x 10\nab\nXX\n0\n\n'],
    ['bad tree', 'i-H\nu 1 2\n<a>\n5 0\nYN a\nXX\n0\n\n'],
    ['too few recipients', 'i-H\nu 1 2\n<a>\n5 0\nXX\n2\nr@s\n'],
    ['no blank line', 'i-H\nu 1 2\n<a>\n5 0\nXX\n1\nr@s\n010  X: y\n'],
    ['header length too long', 'i-H\nu 1 2\n<a>\n5 0\nXX\n0\n\n050  X: y\n'],
    ['header prefix missing', 'i-H\nu 1 2\n<a>\n5 0\nXX\n0\n\nX: y\n'],
  ];
  for (const [name, text] of bad) {
    it(`rejects a file with ${name}`, () => {
      assert.throws(() => parseHeaderFile(Buffer.from(text), 'f'), SpoolFormatError);
    });
  }
});

describe('-H writer from a fresh message', () => {
  /** What the SMTP server would hand to commit() for the esmtp-basic session. */
  const fresh = (): SpoolMessageContent => ({
    sender: 'a@b.example',
    owner: { login: 'root', uid: 0, gid: 0 },
    received: { seconds: 1700000000, micros: 100000 },
    warningCount: 0,
    options: new Map<string, string | true>([
      ['tls_resumption', 'A'],
      ['deliver_firsttime', true],
      ['received_protocol', 'esmtp'],
      ['ident', 'root'],
      ['helo_name', 'client.example'],
      ['host_address', '[192.0.2.1]:1234'],
      ['interface_address', '[192.0.2.2]:25'],
      ['body_linecount', '2'],
      ['max_received_linelength', '15'],
      ['received_time_complete', '1700000000.200000'],
    ]),
    aclVars: new Map([
      ['acl_m_foo', untainted('bar')],
      ['acl_c1', untainted('hello\nworld')],
    ]),
    recipients: [{ address: 'x@y.example' }, { address: 'z@y.example' }],
    headers: parseHeaderFile(fixtureMessage('esmtp-basic').h).headers,
  });

  it('produces exim4 bytes: option order, received_time_usec from received.micros (-bs with -oMa: taint given)', () => {
    const m = { ...fresh(), taintedOptions: new Set(['helo_name', 'host_address', 'interface_address']) };
    assert.deepEqual(renderHeaderFile('1r31eq-00016Q-00', m), fixtureMessage('esmtp-basic').h);
  });

  it('default taint is what exim4 -bd writes for a TCP/TLS reception', () => {
    const f = fixtureMessage('daemon-tls');
    const parsed = parseHeaderFile(f.h);
    const { taintedOptions: _t, ...rest } = parsed;
    const m: SpoolMessageContent = { ...rest, options: new Map([...parsed.options].reverse()) };
    assert.deepEqual(renderHeaderFile(parsed.id, m), f.h);
    assert.deepEqual([...(parsed.taintedOptions ?? [])].sort(), ['helo_name', 'tls_peercert', 'tls_peerdn', 'tls_sni']);
  });

  it('writes DSN recipient forms and builds the tree from delivered recipients', () => {
    const m: SpoolMessageContent = {
      ...fresh(),
      recipients: [
        { address: 'x@y.example', dsnNotify: ['SUCCESS', 'FAILURE'], dsnOrcpt: 'rfc822;X@y.example' },
        { address: 'v@y.example', dsnOrcpt: 'rfc822;dropped' },
        { address: 'd@y.example', delivered: true },
        { address: 'e@y.example', errorsTo: 'owner@y.example', parent: 0 },
        { address: 'c@y.example', delivered: true },
      ],
      frozen: true,
    };
    const text = renderHeaderFile('1r31eq-00016Q-00', m).toString('latin1');
    assert.match(text, /\n-deliver_firsttime\n-frozen 1700000000\n-tls_resumption A\n/);
    assert.match(text, /\nYN d@y\.example\nNN c@y\.example\n5\n/);
    assert.match(text, /\nx@y\.example rfc822;X@y\.example 18,12  0,-1#3\nv@y\.example\n/);
    assert.match(text, /\ne@y\.example  0,0 owner@y\.example 15,0#3\n/);
    const back = parseHeaderFile(Buffer.from(text, 'latin1'));
    assert.deepEqual(back.recipients[3], { address: 'e@y.example', errorsTo: 'owner@y.example', parent: 0, dsnFlags: 0, dsnNotify: [] });
    assert.equal(back.recipients[2]!.delivered, true);
  });

  it('honours explicit taint and writes tainted ACL variables with two dashes', () => {
    const m: SpoolMessageContent = { ...fresh(), taintedOptions: new Set(['received_protocol']), aclVars: new Map([['acl_m_t', tainted('x\ny')]]) };
    const text = renderHeaderFile('i', m).toString('latin1');
    assert.match(text, /\n-helo_name client\.example\n/);
    assert.match(text, /\n--received_protocol esmtp\n--aclm _t 3\nx\ny\n-body_linecount 2\n/);
  });

  it('measures 8-bit text in bytes', () => {
    const m: SpoolMessageContent = { ...fresh(), headers: [{ type: ' ', text: 'Subject: \u00e9\udce9\n' }], aclVars: new Map([['acl_m_u', untainted('\u00fc')]]) };
    const buf = renderHeaderFile('i', m);
    assert.ok(buf.includes(Buffer.from('-aclm _u 2\n\xc3\xbc\n', 'latin1')));
    assert.ok(buf.includes(Buffer.from('013  Subject: \xc3\xa9\xe9\n', 'latin1')));
  });

  it('refuses headers without a final newline or with a long type', () => {
    assert.throws(() => renderHeaderFile('i', { ...fresh(), headers: [{ type: ' ', text: 'X: y' }] }), RangeError);
    assert.throws(() => renderHeaderFile('i', { ...fresh(), headers: [{ type: 'TT', text: 'X: y\n' }] }), RangeError);
  });
});
