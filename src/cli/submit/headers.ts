/** Small helpers over spool header lists for local submission. */
import type { SpoolHeader } from '../../spool/types.js';

/** The header's name as written (before the colon, trailing blanks removed). */
export function headerName(text: string): string {
  return text.slice(0, text.indexOf(':')).trimEnd();
}

export function isNamed(h: SpoolHeader, lowerName: string): boolean {
  return h.type !== '*' && headerName(h.text).toLowerCase() === lowerName;
}

/** The live headers of that name. */
export function headersNamed(headers: readonly SpoolHeader[], lowerName: string): SpoolHeader[] {
  return headers.filter((h) => isNamed(h, lowerName));
}

/** The value after the colon, unfolded, without the final newline. */
export function headerBody(h: SpoolHeader): string {
  return h.text.slice(h.text.indexOf(':') + 1).replace(/\n$/, '');
}

/** Marks every live header of that name deleted (Exim keeps them in -H flagged '*'). */
export function deleteHeaders(headers: SpoolHeader[], lowerName: string): void {
  for (let i = 0; i < headers.length; i++) if (isNamed(headers[i]!, lowerName)) headers[i] = { type: '*', text: headers[i]!.text };
}

/** Whether the message has any Resent- header (then the Resent- forms get the fix-ups). */
export function hasResentHeaders(headers: readonly SpoolHeader[]): boolean {
  return headers.some((h) => h.type !== '*' && /^resent-/i.test(headerName(h.text)));
}

