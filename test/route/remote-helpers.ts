/**
 * Helpers for the remote-router tests: a canonical form of -bt output where the orders Exim
 * leaves to chance are sorted, so two runs (or Mailwright and exim4) compare equal exactly
 * when they agree on everything else (host sets, widths, MX values, ports, flags).
 */

const HOST = /^ {2}host (\S+)/;
const MX = / MX=(\d+)/;

/** Key of the block a host line belongs to: hosts of one MX preference, or the addresses of one host. */
function blockKey(line: string): string {
  const mx = MX.exec(line);
  return mx ? `mx ${mx[1]}` : `name ${HOST.exec(line)?.[1] ?? ''}`;
}

/**
 * Sort host lines within blocks of equal MX preference (or of one host name when there is no
 * MX); with `all`, sort every run of host lines (hosts_randomize).
 */
export function canonicalHostOrder(text: string, all = false): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let block: string[] = [];
  let key = '';
  const flush = () => {
    out.push(...block.sort());
    block = [];
  };
  for (const line of lines) {
    if (!HOST.test(line)) {
      flush();
      out.push(line);
      continue;
    }
    const k = all ? 'all' : blockKey(line);
    if (block.length > 0 && k !== key) flush();
    key = k;
    block.push(line);
  }
  flush();
  return out.join('\n');
}
