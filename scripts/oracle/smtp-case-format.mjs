// Parser of scripts/oracle/smtp-cases/*.case (format described in gen-smtp-bh.mjs); shared by the
// generator and kept dependency-free so tests can read the committed fixtures without it.
const TOKENS = { '<CR>': '\r', '<LF>': '\n', '<NUL>': '\0', '<TAB>': '\t' };

export function parseCase(text) {
  const [head, ...rest] = text.split('\n---\n');
  const meta = { conf: 'basic', ip: '10.0.0.1', args: [] };
  for (const line of head.split('\n')) {
    const m = /^(\w+):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'args') meta.args = m[2].split(/\s+/).filter(Boolean);
    else meta[m[1]] = m[2];
  }
  const lines = rest.join('\n---\n').replace(/\n$/, '').split('\n');
  let input = '';
  for (const line of lines) {
    if (line === '<EOF>') { input = input.replace(/\r\n$/, ''); break; }
    const noEol = line.endsWith('<NOEOL>');
    const text = noEol ? line.slice(0, -'<NOEOL>'.length) : line;
    input += text.replace(/<CR>|<LF>|<NUL>|<TAB>/g, (t) => TOKENS[t]) + (noEol ? '' : '\r\n');
  }
  return { ...meta, input: Buffer.from(input, 'latin1') };
}
