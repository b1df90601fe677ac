#!/usr/bin/env node
/**
 * Oracle for delivery-level event actions: runs exim4 4.96 (as root, -odi) with event_action
 * set in the main section and/or on transports; each action appends
 * `tag|$event_name|$event_data|$event_defer_errno|$local_part@$domain|$host|$host_address|$host_port`
 * to a file. A tiny SMTP sink on 127.0.0.1:2599 answers 452 to RCPT for r2@ and accepts the
 * rest (`250 OK id=abc123` after DATA); with no sink the port refuses connections.
 * Transports run as user mwtest (exim4 refuses root), so the directories are world-writable.
 * Writes test/fixtures/deliver/events.json: { scenario: { events: [lines] } }.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const DIR = '/tmp/mw-oracle-events';
const EV = `${DIR}/EV`;
const action = (tag) => `event_action = \${run{/bin/sh -c 'echo "${tag}|$event_name|$event_data|$event_defer_errno|$local_part@$domain|$host|$host_address|$host_port" >> ${EV}'}}`;

function config({ main, transports }) {
  return `spool_directory = ${DIR}/spool
log_file_path = ${DIR}/log/%slog
keep_environment =
primary_hostname = mw.example
qualify_domain = mw.example
exim_user = root
exim_group = root
never_users =
log_selector =
${main ? action('MAIN') : ''}
begin routers
remote:
  driver = manualroute
  domains = remote.example
  route_list = * 127.0.0.1::2599 byname
  transport = remote_smtp
  self = send
local:
  driver = accept
  local_parts = alice
  transport = local_file
begin transports
remote_smtp:
  driver = smtp
  user = mwtest
  ${transports ? action('T-remote_smtp') : ''}
local_file:
  driver = appendfile
  user = mwtest
  file = ${DIR}/mail/$local_part_data
  ${transports ? action('T-local_file') : ''}
`;
}

function sink() {
  const server = createServer((sock) => {
    let buf = '';
    let inData = false;
    const say = (t) => sock.write(`${t}\r\n`);
    say('220 sink.example ESMTP');
    sock.on('data', (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const up = line.toUpperCase();
        if (inData) {
          if (line === '.') { inData = false; say('250 OK id=abc123'); }
        } else if (up.startsWith('EHLO')) say('250-sink.example\r\n250 HELP');
        else if (up.startsWith('RCPT')) say(line.includes('r2@') ? '452 4.2.2 over quota' : '250 Accepted');
        else if (up === 'DATA') { inData = true; say('354 go'); }
        else if (up === 'QUIT') { say('221 bye'); sock.end(); }
        else say('250 OK');
      }
    });
  });
  return new Promise((res) => server.listen(2599, '127.0.0.1', () => res(server)));
}

async function run(conf, recipients) {
  rmSync(DIR, { recursive: true, force: true });
  for (const d of ['spool', 'log', 'mail']) mkdirSync(`${DIR}/${d}`, { recursive: true });
  for (const d of ['', '/spool', '/log', '/mail']) chmodSync(`${DIR}${d}`, 0o777);
  writeFileSync(`${DIR}/conf`, conf);
  writeFileSync(EV, '');
  chmodSync(EV, 0o666);
  // Asynchronous: the SMTP sink lives in this process's event loop.
  const child = spawn('exim4', ['-C', `${DIR}/conf`, '-odi', '-f', 's@x.example', ...recipients], { stdio: ['pipe', 'inherit', 'inherit'] });
  child.stdin.end('Subject: t\n\nbody\n');
  await new Promise((res) => child.on('close', res));
  return existsSync(EV) ? readFileSync(EV, 'utf8').split('\n').filter(Boolean) : [];
}

const out = {};
out['main-only-local'] = { events: await run(config({ main: true, transports: false }), ['alice']) };
out['local-and-routing-failure'] = { events: await run(config({ main: true, transports: true }), ['alice', 'bad@nowhere.invalid']) };
out['remote-refused-two'] = { events: await run(config({ main: false, transports: true }), ['r1@remote.example', 'r2@remote.example']) };
const server = await sink();
out['remote-rcpt-452'] = { events: await run(config({ main: false, transports: true }), ['r1@remote.example', 'r2@remote.example']) };
server.close();
mkdirSync(new URL('../../test/fixtures/deliver/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../test/fixtures/deliver/events.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify(out, null, 2));
