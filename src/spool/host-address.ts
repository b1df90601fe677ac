/**
 * The value of -host_address / -interface_address. Exim 4.96 writes `[ip]:port`; the spec (and
 * older Exims) describe `ip.port`. Both are read; IPv6 addresses appear without brackets in
 * the older form, so the port is always what follows the last dot or colon.
 */
export function parseHostAddressOption(value: string): { address: string; port: number } | undefined {
  const bracketed = /^\[([^\]]*)\]:(\d+)$/.exec(value);
  if (bracketed) return { address: bracketed[1]!, port: Number(bracketed[2]) };
  const dotted = /^(.*)\.(\d+)$/.exec(value);
  if (dotted && dotted[1] !== '') return { address: dotted[1]!, port: Number(dotted[2]) };
  return undefined;
}

/** The form Exim 4.96 writes. */
export function formatHostAddressOption(address: string, port: number): string {
  return `[${address}]:${port}`;
}
