// The configurations of Exim's own test suite (shared/conformance/exim-testsuite-4.96/confs),
// read in place with the harness's substitutions applied (DIR, CALLER_NAME, EXIM_PATH, V4NET,
// HOSTIPV4): every one must load. The harness also provides aux-var/std_conf_prefix, which is
// not in the excerpt; a stand-in with the usual kind of settings is written to the test's DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/parser.js';
import { optionsApi } from '../../src/config/index.js';

const SUITE = ['/work/shared/conformance/exim-testsuite-4.96', '../shared/conformance/exim-testsuite-4.96'].find(
  (p) => existsSync(join(p, 'confs')),
);

const STD_CONF_PREFIX = `# stand-in for the harness's prefix
exim_path = EXIM_PATH
keep_environment =
host_lookup_order = bydns
spool_directory = DIR/spool
log_file_path = DIR/spool/log/%slog
gecos_pattern = ""
gecos_name = CALLER_NAME
tls_advertise_hosts =
.ifdef _HAVE_PIPE_CONNECT
pipelining_connect_advertise_hosts = :
.endif
`;

function substitute(text: string, dir: string): string {
  const table: [string, string][] = [
    ['CALLER_NAME', 'Test Caller'],
    ['EXIM_PATH', '/usr/sbin/exim4'],
    ['HOSTIPV4', '10.0.0.1'],
    ['V4NET', '224'],
    ['DIR', dir],
  ];
  let out = text;
  for (const [k, v] of table) out = out.split(k).join(v);
  return out;
}

const root = mkdtempSync(join(tmpdir(), 'mw-testsuite-confs-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'aux-var'), { recursive: true });
writeFileSync(join(root, 'aux-var', 'std_conf_prefix'), substitute(STD_CONF_PREFIX, root));

/** Exim's repository has some confs as symlinks (4031 -> 4030); the excerpt keeps the link text. */
function readConf(name: string): string {
  const text = readFileSync(join(SUITE!, 'confs', name), 'latin1');
  const target = text.trim();
  return /^\d{4}$/.test(target) && existsSync(join(SUITE!, 'confs', target)) ? readConf(target) : text;
}

const confs = SUITE ? readdirSync(join(SUITE, 'confs')).sort() : [];

test('the test-suite excerpt has configurations', { skip: !SUITE && 'shared/ not present' }, () => {
  assert.ok(confs.length >= 3);
});

for (const name of confs) {
  test(`exim test-suite configuration ${name} loads`, () => {
    const text = substitute(readConf(name), root);
    const cfg = parseConfig({ file: join(root, `conf-${name}`), text }, optionsApi);
    assert.ok(cfg.main.size > 0, 'main options were read');
    assert.ok(cfg.acls.size > 0, 'ACLs were read');
  });
}
