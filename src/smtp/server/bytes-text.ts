/**
 * The server's two string forms. Wire bytes (commands as read, message content) are handled as
 * latin1 strings, one char per byte. Everything shared with the expander, ACLs, logs and spool
 * uses the project's convention (UTF-8 decoded, other bytes as surrogate escapes; see
 * src/expand/operators/bytes.ts). These convert between the two.
 */
import { bytesToString, stringToBytes } from '../../expand/operators/bytes.js';

/** Wire bytes (latin1 string) → project string. */
export function fromWire(latin1: string): string {
  return /^[\x00-\x7f]*$/.test(latin1) ? latin1 : bytesToString(Buffer.from(latin1, 'latin1'));
}

/** Project string → wire bytes (latin1 string). */
export function toWire(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : stringToBytes(text).toString('latin1');
}
