/**
 * Macro substitution for lines typed at -be (the configuration reader does its own for the
 * file). Macros apply in definition order; a name is replaced wherever it occurs.
 */
export class MacroTable {
  private readonly order: string[] = [];
  private readonly values = new Map<string, string>();

  static from(entries: Iterable<[string, string]>): MacroTable {
    const t = new MacroTable();
    for (const [k, v] of entries) t.define(k, v);
    return t;
  }

  define(name: string, value: string): void {
    if (!this.values.has(name)) this.order.push(name);
    this.values.set(name, value);
  }

  substitute(line: string): string {
    let out = line;
    for (const name of this.order) {
      if (!out.includes(name)) continue;
      out = out.split(name).join(this.values.get(name)!);
    }
    return out;
  }
}
