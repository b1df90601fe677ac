/**
 * ESMTP parameters of MAIL and RCPT, taken off the end of the operand one at a time exactly as
 * Exim 4.96 does: scan back to the last `=` or white space (skipping quoted strings); with `=`,
 * the name is the letters before it and must follow white space; without, the last word is a
 * valueless option. An unknown option ends the scan and stays in the operand, so the address
 * parser then reports it. (Exim 4.96's RCPT puts a valueless unknown option back with `=` in
 * place of the space before it; that quirk is reproduced because it changes the reply.)
 */

export interface ExtractedOption {
  /** The operand before the option (trailing white space not yet removed). */
  readonly before: string;
  readonly name: string;
  /** The value; for a valueless option Exim hands back the name itself. */
  readonly value: string;
  readonly hasValue: boolean;
  /** Index of the separator (the space, or the `=`) in the scanned text. */
  readonly separator: number;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /[ \t\n\r\f\v]/.test(c);
const isAlpha = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);

export function extractOption(operand: string): ExtractedOption | undefined {
  const t = operand.replace(/[ \t\n\r\f\v]+$/, '');
  if (t === '') return undefined;
  let v = t.length - 1;
  while (v > 0 && t[v] !== '=' && !isSpace(t[v])) {
    if (t[v] === '"') {
      do v--;
      while (v > 0 && t[v] !== '"');
    }
    v--;
  }
  if (v < 0) return undefined;
  if (t[v] === '=') {
    let n = v;
    while (n > 0 && isAlpha(t[n - 1])) n--;
    if (n <= 0 || !isSpace(t[n - 1])) return undefined;
    return { before: t.slice(0, n - 1), name: t.slice(n, v), value: t.slice(v + 1), hasValue: true, separator: v };
  }
  if (v === 0) return undefined;
  const name = t.slice(v + 1);
  return { before: t.slice(0, v), name, value: name, hasValue: false, separator: v };
}

/** Verdict of a handler on one option. */
export type ParamVerdict = 'ok' | 'unknown' | { readonly error: string } | { readonly reply: string };

/**
 * Peel options off the end until none is left or one is unknown. `restoreWithEquals` gives
 * RCPT's 4.96 behaviour for valueless unknown options.
 */
export function peelOptions(
  operand: string,
  handle: (name: string, value: string, hasValue: boolean) => ParamVerdict,
  restoreWithEquals: boolean,
): { operand: string } | { error: string } | { reply: string } {
  let text = operand;
  for (;;) {
    const opt = extractOption(text);
    if (!opt) return { operand: text.replace(/[ \t\n\r\f\v]+$/, '') };
    const verdict = handle(opt.name.toUpperCase(), opt.value, opt.hasValue);
    if (verdict === 'unknown') {
      const t = text.replace(/[ \t\n\r\f\v]+$/, '');
      if (restoreWithEquals && !opt.hasValue) return { operand: `${t.slice(0, opt.separator)}=${t.slice(opt.separator + 1)}` };
      return { operand: t };
    }
    if (verdict !== 'ok') return verdict;
    text = opt.before;
  }
}
