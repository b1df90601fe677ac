/**
 * Typed access to the main options the SMTP server reads. Options marked expandable in Exim are
 * expanded at the point of use (see session code); here only plain values and parsing helpers.
 */
import type { LoadedConfig } from '../../config/types.js';

export class ServerOptions {
  constructor(readonly config: LoadedConfig) {}

  str(name: string): string | undefined {
    const v = this.config.mainOption(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object') return v.join(':');
    return String(v);
  }

  int(name: string, fallback: number): number {
    const v = this.config.mainOption(name);
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return parseEximInt(v) ?? fallback;
    return fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.config.mainOption(name);
    return typeof v === 'boolean' ? v : fallback;
  }

  /** Whether an option was given a value (explicitly or by default). */
  isSet(name: string): boolean {
    const v = this.str(name);
    return v !== undefined;
  }
}

/** Exim's integer syntax: decimal, 0x hex, leading-zero octal, optional K/M/G multiplier. */
export function parseEximInt(text: string): number | undefined {
  const m = /^\s*(-?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)([kmg]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  let n = digits.startsWith('0x') || digits.startsWith('0X') ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : parseInt(digits, 10);
  const mult = m[3]!.toLowerCase();
  if (mult === 'k') n *= 1024;
  else if (mult === 'm') n *= 1024 * 1024;
  else if (mult === 'g') n *= 1024 * 1024 * 1024;
  return m[1] === '-' ? -n : n;
}
