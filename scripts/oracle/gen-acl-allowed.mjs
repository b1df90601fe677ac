#!/usr/bin/env node
// Oracle for where each ACL condition, modifier, control and verify type may be used: runs one
// exim4 -bh session per (item, hook) with `warn <item>` at the top of that hook's ACL, and
// records the error Exim logs (e.g. `cannot test domains condition in MAIL ACL`) or null when
// the item is allowed there. Writes test/fixtures/acl/allowed.json.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { runBh, BASE_MAIN, SPOOL } from './lib/exim-bh.mjs';

export const HOOKS = ['connect', 'helo', 'auth', 'mail', 'mailauth', 'rcpt', 'predata', 'mime', 'data', 'expn', 'etrn', 'quit', 'notquit'];

export const ITEMS = [
  'acl = accept', 'authenticated = *', 'condition = yes', 'decode = default', 'dkim_signers = x', 'dkim_status = x',
  'dnslists =', 'domains = x', 'encrypted = *', 'hosts = 1.1.1.1', 'local_parts = x', 'malware = *', 'mime_regex = x',
  'ratelimit = 100 / 1h / per_cmd / readonly', 'recipients = x', 'regex = x', 'seen = 1h', 'sender_domains = x', 'senders = x',
  'spam = nobody', 'spf = pass', 'spf_guess = pass',
  'add_header = X-A: b', 'continue = x', 'delay = 0s', 'log_message = x', 'log_reject_target = main', 'logwrite = x',
  'message = x', 'queue = x', 'remove_header = x', 'set acl_m_x = 1', 'udpsend = 127.0.0.1 : 9 : x',
  'verify = helo', 'verify = header_syntax', 'verify = header_sender', 'verify = header_names_ascii', 'verify = not_blind',
  'verify = reverse_host_lookup', 'verify = csa', 'verify = certificate', 'verify = sender', 'verify = recipient',
  'verify = nosuch', 'verify = helo/x', 'verify = not_blind/x', 'verify = header_syntax/x',
  ...[
    'allow_auth_unadvertised', 'caseful_local_part', 'caselower_local_part', 'cutthrough_delivery', 'cutthrough_delivery/defer=pass',
    'cutthrough_delivery/bad', 'debug/tag=.x', 'debug/bad', 'dkim_disable_verify', 'dmarc_disable_verify', 'dmarc_enable_forensic',
    'dscp/ef', 'dscp/nosuch', 'enforce_sync', 'no_enforce_sync', 'error', 'fakedefer', 'fakedefer/msg', 'fakereject', 'fakereject/msg',
    'freeze', 'freeze/no_tell', 'freeze/bad', 'no_callout_flush', 'no_delay_flush', 'no_mbox_unspool', 'no_multiline_responses',
    'no_pipelining', 'queue', 'queue/only', 'queue/first_pass_route', 'queue/bad', 'queue_only', 'submission', 'submission/sender_retain',
    'submission/domain=x.example', 'submission/name=Fred', 'submission/bad', 'suppress_local_fixups', 'utf8_downconvert',
    'utf8_downconvert/-1', 'utf8_downconvert/bad', 'wellknown', 'requiretls', 'nosuch', 'queue_only/x', 'freezex',
  ].map((c) => `control = ${c}`),
];

const NOISE = /<=|ETRN .* received|(?<!temporarily )rejected (EXPN|ETRN)|^ignoring AUTH=|is undeliverable|^SMTP call from .* dropped|no HELO\/EHLO given/;

function config(hook, item) {
  const set = (h, v) => (hook === h ? 'chk' : v);
  return [
    ...BASE_MAIN,
    `acl_smtp_rcpt = ${set('rcpt', 'accept')}`,
    `acl_smtp_expn = ${set('expn', 'accept')}`,
    `acl_smtp_etrn = ${set('etrn', 'accept')}`,
    ...(['rcpt', 'expn', 'etrn'].includes(hook) ? [] : [`acl_smtp_${hook} = chk`]),
    'begin acl',
    'chk:',
    `  warn ${item}`,
    '  accept',
    'begin authenticators',
    'plain:',
    '  driver = plaintext',
    '  public_name = PLAIN',
    '  server_condition = yes',
    '  server_set_id = $auth2',
    '',
  ].join('\n');
}

const SESSION = [
  'EHLO x', 'AUTH PLAIN AGEAYg==', 'MAIL FROM:<a@b.example> AUTH=<a@b.example>', 'RCPT TO:<u@a.example>', 'DATA',
  'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XX"', 'Subject: s', '', '--XX', 'Content-Type: text/plain', '',
  'hello', '--XX--', '.', 'EXPN u@a.example', 'ETRN #x',
];

/**
 * The error the hook's ACL produced (the log text after the command), '' for an error without
 * text, or null when the item was accepted there (the ACL did not return an error).
 */
function hookError(logs) {
  for (const line of logs) {
    if (NOISE.test(line)) continue;
    const m = /temporarily rejected (?:connection in "connect" ACL|[^:]*)(?:: (.*))?$/.exec(line) ?? /returned ERROR(?:: (.*))?$/.exec(line);
    if (m) return m[1] ?? '';
  }
  return null;
}

export function probe(hook, item) {
  const lines = hook === 'notquit' ? SESSION : [...SESSION, 'QUIT'];
  return hookError(runBh(config(hook, item), lines).logs);
}

/**
 * The same item in `exim4 -be '${acl{chk}}'`, where the ACL runs with Exim's "unknown" where:
 * -be shows only `Failed: ERROR from acl "chk"` for a forbidden item, so the output is recorded.
 */
export function probeExpansion(item) {
  const conf = [...BASE_MAIN, 'begin acl', 'chk:', `  warn ${item}`, '  accept', ''].join('\n');
  writeFileSync(`${SPOOL}/be.conf`, conf);
  const res = spawnSync('/usr/sbin/exim4', ['-C', `${SPOOL}/be.conf`, '-be', '${acl{chk}}'], { encoding: 'latin1', timeout: 20000 });
  return res.stdout.replace(/\n$/, '');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const items = {};
  for (const item of ITEMS) {
    items[item] = { ...Object.fromEntries(HOOKS.map((h) => [h, probe(h, item)])), expansion: probeExpansion(item) };
    process.stderr.write('.');
  }
  writeFileSync('test/fixtures/acl/allowed.json', `${JSON.stringify({ hooks: HOOKS, items }, null, 1)}\n`);
  process.stderr.write('\n');
}
