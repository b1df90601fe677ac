// Server-side AUTH exchanges against Exim 4.96: test/fixtures/auth/exim-bh.json, recorded by
// scripts/oracle/gen-auth.mjs with exim4 -bh. Each session is replayed through the authenticators
// (with the thin AUTH-command layer a server adds): replies, log lines, and what a MAIL ACL then
// sees ($authenticated_id, $authenticated_fail_id, $auth1..3 cleared, $sender_host_authenticated).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AUTH_ALREADY_REPLY, advertisedAuthenticators, authEhloKeyword, authFailureLogLine, authenticatedFailId,
  createAuthenticators, parseAuthArguments, selectAuthenticator, type AuthOutcome, type AuthStep,
  type Authenticator, type ServerExchange,
} from '../../src/auth/index.js';
import { contextFor, loadConfigText } from './helpers.js';

interface Case { id: string; helo?: string; sent: string[]; replies: string[]; advertised: string | null; log: string[] }
const fixture = JSON.parse(readFileSync('test/fixtures/auth/exim-bh.json', 'utf8')) as { conf: string; cases: Case[] };
const config = loadConfigText(fixture.conf);

/** Exim prints non-printing bytes in SMTP replies as octal escapes. */
const printing = (s: string): string => s.replace(/[^\x20-\x7e]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);

/** pid and time of the first CRAM-MD5 challenge Exim sent, so ours is the same. */
function cramServices(c: Case): { pid?: number; now?: () => number } {
  const line = c.replies.find((r) => r.startsWith('334 ') && /^<\d+\.\d+@/.test(Buffer.from(r.slice(4), 'base64').toString('latin1')));
  if (!line) return {};
  const [, pid, time] = /^<(\d+)\.(\d+)@/.exec(Buffer.from(line.slice(4), 'base64').toString('latin1'))!;
  return { pid: Number(pid), now: () => Number(time) };
}

async function replay(c: Case): Promise<{ replies: string[]; log: string[]; advertised: string | undefined }> {
  const ctx = contextFor(config);
  const auths = createAuthenticators(config.authenticators, { primaryHostname: 'myhost.test.ex', ...cramServices(c) });
  const advertised = await advertisedAuthenticators(auths, ctx);
  const replies: string[] = [];
  const log: string[] = [];
  let exchange: { ex: ServerExchange; auth: Authenticator } | undefined;
  let authenticated: { auth: Authenticator; outcome: AuthOutcome } | undefined;
  let lastFail: AuthOutcome | undefined;
  const handle = (step: AuthStep, auth: Authenticator): void => {
    if ('challenge' in step) {
      replies.push(`334 ${step.challenge}`);
      return;
    }
    exchange = undefined;
    replies.push(step.done.reply);
    if (step.done.logged) log.push(`LOG: ${authFailureLogLine(auth.name, '(x) [10.0.0.1]', step.done)}`);
    if (step.done.result === 'ok') authenticated = { auth, outcome: step.done };
    else lastFail = step.done;
  };
  for (const line of c.sent) {
    if (exchange) {
      handle(await exchange.ex.continue(line), exchange.auth);
    } else if (/^auth\b/i.test(line)) {
      if (authenticated) {
        replies.push(AUTH_ALREADY_REPLY);
        continue;
      }
      const args = parseAuthArguments(line.slice(4));
      const chosen = selectAuthenticator(advertised, args.mechanism);
      if ('reply' in chosen) {
        replies.push(chosen.reply);
        continue;
      }
      exchange = { ex: chosen.serverExchange(ctx), auth: chosen };
      handle(await exchange.ex.start(args.initialResponse), chosen);
    } else if (!line.startsWith('MAIL')) {
      replies.push('500 unrecognized command'); // e.g. an answer sent after the exchange ended
    } else {
      const id = authenticated?.outcome.setId ?? '';
      const fail = lastFail && !authenticated ? authenticatedFailId(lastFail) : '';
      const v = (n: string): string => ctx.vars.get(n)?.s ?? '';
      replies.push(`250 V id=[${printing(id)}] fail=[${fail}] a1=[${v('auth1')}] a2=[${v('auth2')}] a3=[${v('auth3')}] n1=[${ctx.numeric[1]?.s ?? ''}] sha=[${authenticated?.auth.name ?? ''}]`);
    }
  }
  return { replies, log, advertised: authEhloKeyword(advertised) };
}

for (const c of fixture.cases) {
  if (c.advertised === null) continue; // no EHLO: the server refuses AUTH before any authenticator runs
  test(`AUTH oracle ${c.id}`, async () => {
    const got = await replay(c);
    assert.equal(`250-${got.advertised}`, c.advertised);
    assert.deepEqual(got.replies, c.replies);
    assert.deepEqual(got.log, c.log);
  });
}
