import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PlaintextClient, authDriverNames, clientSendBytes, cramMd5Challenge, cramMd5ClientResponse, cramMd5ClientStep,
  createAuthenticators, decodeAuthBase64, notSupportedMessage, parseAuthArguments, selectAuthenticator,
  UNSUPPORTED_AUTH_DRIVERS, type AuthStep, type Authenticator, type ClientStep,
} from '../../src/auth/index.js';
import { contextFor, loadConfigText } from './helpers.js';

const CONF = `primary_hostname = myhost.test.ex
begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{$auth2}{user}}{eq{$auth3}{pa^ss}}}}
  server_set_id = $auth2
  client_send = ^user^pa^^ss
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and {{eq{$auth1}{user}}{eq{$auth2}{secret}}}}
  client_send = : user : \${if eq{$auth2}{Password::}{secret}{wrong}}
cram:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = \${if eq{$auth1}{ph10}{secret}fail}
  server_set_id = $auth1
  client_name = ph10
  client_secret = secret
skipper:
  driver = cram_md5
  client_secret = \${if eq{1}{2}{x}fail}
spa:
  driver = spa
  server_password = x
dove:
  driver = dovecot
  server_socket = /run/dovecot/auth-client
`;
const config = loadConfigText(CONF);
const ctx = contextFor(config);
const auths = createAuthenticators(config.authenticators, { primaryHostname: 'myhost.test.ex', pid: 42, now: () => 1000 });
const byName = (n: string): Authenticator => auths.find((a) => a.name === n)!;

/** Run a client against a server exchange until done. */
async function converse(server: Authenticator, first: ClientStep, answer: (challenge: string) => Promise<ClientStep>): Promise<string> {
  assert.ok('send' in first);
  const ex = server.serverExchange(ctx);
  let step: AuthStep = await ex.start(first.send === '' ? undefined : first.send);
  while ('challenge' in step) {
    const reply = await answer(step.challenge);
    assert.ok('send' in reply);
    step = await ex.continue(reply.send);
  }
  return step.done.reply;
}

test('plaintext client and server agree (PLAIN with ^ and ^^, LOGIN answering prompts)', async () => {
  const plain = new PlaintextClient(byName('plain').instance, ctx);
  assert.equal(await converse(byName('plain'), await plain.initial(), (c) => plain.respond(c)), '235 Authentication succeeded');
  const login = new PlaintextClient(byName('login').instance, ctx);
  const first = await login.initial();
  assert.deepEqual(first, { send: '' });
  assert.equal(await converse(byName('login'), first, (c) => login.respond(c)), '235 Authentication succeeded');
});

test('plaintext client: out of data or a bad prompt gives up with *', async () => {
  const plain = new PlaintextClient(byName('plain').instance, ctx);
  await plain.initial();
  assert.deepEqual(await plain.respond('UHJvbXB0'), { send: '*' });
  const login = new PlaintextClient(byName('login').instance, ctx);
  await login.initial();
  assert.deepEqual(await login.respond('!!!'), { send: '*' });
});

test('cram_md5 client and server agree; the challenge is <pid.time@host>', async () => {
  assert.equal(cramMd5Challenge({ primaryHostname: 'h.example', pid: 7, now: () => 99 }), '<7.99@h.example>');
  const server = byName('cram');
  const step = await cramMd5ClientStep(server.instance, ctx, 'x', 'myhost.test.ex');
  assert.ok('send' in step);
  const reply = await converse(server, { send: '' }, (c) => cramMd5ClientStep(server.instance, ctx, c, 'myhost.test.ex'));
  assert.equal(reply, '235 Authentication succeeded');
  // RFC 2195's example.
  const rfc = cramMd5ClientResponse(Buffer.from('<1896.697170952@postoffice.reston.mci.net>').toString('base64'), 'tim', 'tanstaaftanstaaf');
  assert.equal(Buffer.from(rfc!, 'base64').toString(), 'tim b913a602c7eda7a495b4e6e7334d3890');
  assert.deepEqual(await cramMd5ClientStep(byName('skipper').instance, ctx, 'eA==', 'h'), { skip: true });
});

test('AUTH arguments and mechanism selection', () => {
  assert.deepEqual(parseAuthArguments(' PLAIN AHVz ZXI= '), { mechanism: 'PLAIN', initialResponse: 'AHVz ZXI=' });
  assert.deepEqual(parseAuthArguments('LOGIN'), { mechanism: 'LOGIN' });
  assert.deepEqual(parseAuthArguments(''), { mechanism: '' });
  const adv = auths.filter((a) => a.isServer);
  assert.equal((selectAuthenticator(adv, 'cram-md5') as Authenticator).name, 'cram');
  assert.deepEqual(selectAuthenticator(adv, 'FOO'), { reply: '504 FOO authentication mechanism not supported' });
});

test('base64 and client_send bytes', () => {
  assert.equal(decodeAuthBase64('QQ=='), 'A');
  assert.equal(decodeAuthBase64(' Q Q = = '), 'A');
  assert.equal(decodeAuthBase64(''), '');
  assert.equal(decodeAuthBase64('QQ'), null);
  assert.equal(decodeAuthBase64('QQ==QQ=='), null);
  assert.equal(clientSendBytes('^a^^b^'), '\0a^b\0');
});

test('drivers not built yet load, are servers as configured, and defer with a clear message', async () => {
  assert.deepEqual(authDriverNames(), ['cram_md5', 'cyrus_sasl', 'dovecot', 'external', 'gsasl', 'heimdal_gssapi', 'plaintext', 'spa', 'tls']);
  assert.equal(UNSUPPORTED_AUTH_DRIVERS.length, 7);
  for (const n of ['spa', 'dove']) {
    const a = byName(n);
    assert.equal(a.supported, false);
    assert.equal(a.isServer, true);
    const step = await a.serverExchange(ctx).start();
    assert.ok('done' in step);
    assert.equal(step.done.reply, '435 Unable to authenticate at present');
    assert.equal(step.done.logDetail, notSupportedMessage(a.driver));
  }
  assert.match(notSupportedMessage('dovecot'), /issue 6/);
  assert.equal(byName('skipper').isServer, false);
  assert.equal(byName('skipper').publicName, 'SKIPPER');
});

test('an exchange does not leave $auth1..3 in the session context', async () => {
  const ex = byName('plain').serverExchange(ctx);
  const step = await ex.start(Buffer.from('\0user\0pa^ss').toString('base64'));
  assert.ok('done' in step && step.done.result === 'ok' && step.done.setId === 'user');
  assert.equal(ctx.vars.has('auth2'), false);
});

test('AuthHook adapter for the SMTP server: exchange, failure log text, unknown mechanism', async () => {
  const { createAuthHook } = await import('../../src/auth/index.js');
  const hook = createAuthHook(auths);
  assert.deepEqual(hook.mechanisms(), ['PLAIN', 'LOGIN', 'CRAM-MD5', 'SPA', 'DOVE']);
  const prompts: string[] = [];
  const answers = [Buffer.from('user').toString('base64'), Buffer.from('nope').toString('base64')];
  const res = await hook.authenticate('LOGIN', undefined, async (p) => {
    prompts.push(p);
    return answers.shift();
  }, ctx);
  assert.deepEqual(prompts, ['VXNlcm5hbWU6', 'UGFzc3dvcmQ6']);
  assert.equal(res.result, 'fail');
  assert.equal(res.message, 'Incorrect authentication data');
  assert.equal((res as { logLine?: string }).logLine, 'login authenticator failed for <HOST>: 535 Incorrect authentication data');
  const unknown = await hook.authenticate('FOO', undefined, async () => undefined, ctx);
  assert.deepEqual([unknown.result, unknown.message], ['unknown', 'FOO authentication mechanism not supported']);
  const cram = await hook.authenticate('CRAM-MD5', 'eA==', async () => undefined, ctx);
  assert.equal((cram as { reply?: string }).reply, '553 Initial data not expected');
});
