/**
 * The login name of the user running this process (Exim's caller: U= on `<=` lines, $caller
 * and the -H owner), or the numeric uid when the system has no name for it.
 */
import { userInfo } from 'node:os';

export function callerLogin(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}
