/**
 * Configuration macros: built-ins, -D definitions and the file's own `NAME = value` lines.
 *
 * Exim substitutes macros by plain substring replacement, one macro after another in the order
 * they were first defined; a replacement is not rescanned for the macro that produced it, but
 * later macros do see it. Because of that a new name may not contain an earlier one.
 */
import { ConfigError } from '../util/errors.js';
import type { MacroDefinition } from './types.js';

interface MacroEntry {
  readonly name: string;
  value: string;
  readonly builtin: boolean;
  readonly commandLine: boolean;
}

export interface SubstitutionResult {
  readonly text: string;
  /** Whether at least one macro name occurred in the line (what `.ifdef` tests). */
  readonly found: boolean;
}

/** Numeric key of the one or two characters at `pos` (one when the text ends there). */
function prefixKey(text: string, pos: number): number {
  const first = text.charCodeAt(pos);
  return pos + 1 < text.length ? first * 65536 + text.charCodeAt(pos + 1) : first;
}

export class MacroStore {
  private readonly entries: MacroEntry[] = [];
  private readonly byName = new Map<string, MacroEntry>();
  /**
   * Entry indexes by the code of the first two characters of their names (the first one alone
   * for one-character names), so a line is scanned once to find the macros it may hold.
   */
  private readonly byPrefix = new Map<number, number[]>();
  /** Quick screen before byPrefix: which ASCII pairs (first * 128 + second) start some name. */
  private readonly pairStarts = new Uint8Array(128 * 128);
  /** Which ASCII characters are whole one-character names. */
  private readonly singleNames = new Uint8Array(128);

  constructor(builtins: readonly MacroDefinition[], commandLine: Readonly<Record<string, string>> = {}) {
    // Built-ins are trusted to be distinct; they are not subject to the substring rule.
    for (const m of builtins) this.add({ name: m.name, value: m.value, builtin: true, commandLine: false });
    for (const [name, value] of Object.entries(commandLine)) this.defineFromCommandLine(name, value);
  }

  private add(entry: MacroEntry): void {
    const key = prefixKey(entry.name, 0);
    let bucket = this.byPrefix.get(key);
    if (!bucket) this.byPrefix.set(key, (bucket = []));
    bucket.push(this.entries.length);
    const first = entry.name.charCodeAt(0);
    if (entry.name.length === 1 && first < 128) this.singleNames[first] = 1;
    else if (first < 128 && entry.name.charCodeAt(1) < 128) this.pairStarts[first * 128 + entry.name.charCodeAt(1)] = 1;
    this.entries.push(entry);
    this.byName.set(entry.name, entry);
  }

  private checkNewName(name: string): void {
    for (const e of this.entries) {
      if (name.includes(e.name)) {
        throw new ConfigError(
          `"${name}" cannot be defined as a macro because previously defined macro "${e.name}" is a substring`,
        );
      }
    }
  }

  private defineFromCommandLine(name: string, value: string): void {
    const existing = this.byName.get(name);
    if (existing) {
      existing.value = value;
      return;
    }
    this.checkNewName(name);
    this.add({ name, value, builtin: false, commandLine: true });
  }

  /**
   * A definition from the file. `redefine` is the `==` form. A -D definition of the same name
   * wins: the file's definitions and redefinitions of it are ignored.
   */
  define(name: string, value: string, redefine: boolean): void {
    const existing = this.byName.get(name);
    if (existing?.commandLine) return;
    if (redefine) {
      if (!existing) throw new ConfigError(`can't redefine an undefined macro "${name}"`);
      existing.value = value;
      return;
    }
    if (existing) throw new ConfigError(`macro "${name}" is already defined (use "==" if you want to redefine it)`);
    this.checkNewName(name);
    this.add({ name, value, builtin: false, commandLine: false });
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  substitute(line: string): SubstitutionResult {
    let text = line;
    let found = false;
    for (let next = this.firstOccurring(text, 0); next >= 0; next = this.firstOccurring(text, next + 1)) {
      const e = this.entries[next]!;
      found = true;
      text = text.split(e.name).join(e.value);
    }
    return { text, found };
  }

  /** Lowest entry index at or after `from` whose name occurs in `text`, or -1. */
  private firstOccurring(text: string, from: number): number {
    let best = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!((c >= 65 && c <= 90) || c === 95)) continue; // names start with A-Z or _
      if (this.singleNames[c] === 1) best = this.bestAt(this.byPrefix.get(c), text, i, from, best);
      if (i + 1 >= text.length) continue;
      const second = text.charCodeAt(i + 1);
      // Pairs with a non-ASCII second character are not screened (no real name has one).
      if (second >= 128 || this.pairStarts[c * 128 + second] === 1) {
        best = this.bestAt(this.byPrefix.get(prefixKey(text, i)), text, i, from, best);
      }
    }
    return best;
  }

  private bestAt(bucket: number[] | undefined, text: string, pos: number, from: number, best: number): number {
    if (!bucket) return best;
    for (const index of bucket) {
      if (index < from || (best >= 0 && index >= best)) continue;
      if (text.startsWith(this.entries[index]!.name, pos)) best = index;
    }
    return best;
  }

  /** All macros in definition order: built-ins, then -D, then the file's. */
  list(): MacroDefinition[] {
    const rank = (e: MacroEntry): number => (e.builtin ? 0 : e.commandLine ? 1 : 2);
    return [...this.entries]
      .map((e, i) => ({ e, i }))
      .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
      .map(({ e }) => ({
        name: e.name,
        value: e.value,
        builtin: e.builtin,
        ...(e.commandLine ? { commandLine: true } : {}),
      }));
  }
}
