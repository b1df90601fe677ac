/**
 * The AUTH command around the authenticators, as Exim 4.96 answers it: which mechanisms the EHLO
 * reply lists, how the AUTH argument splits into mechanism and initial response, and which
 * authenticator runs (public names match caselessly; one not advertised is "not supported").
 * Whether AUTH is allowed at all (EHLO seen, auth_advertise_hosts, already authenticated,
 * acl_smtp_auth) is the SMTP server's business; the replies it needs are in replies.ts.
 */
import type { ExpandContext } from '../expand/types.js';
import { authUnsupportedReply } from './replies.js';
import type { Authenticator } from './types.js';

export interface AuthArguments {
  readonly mechanism: string;
  /** Everything after the mechanism (base64 may contain blanks); undefined when absent. */
  readonly initialResponse?: string;
}

export function parseAuthArguments(args: string): AuthArguments {
  const text = args.replace(/^[ \t]+/, '');
  const m = /^(\S*)(?:[ \t]+([\s\S]*))?$/.exec(text);
  const mechanism = m?.[1] ?? '';
  const rest = m?.[2]?.replace(/[ \t\r\n]+$/, '');
  return rest === undefined || rest === '' ? { mechanism } : { mechanism, initialResponse: rest };
}

/** The server authenticators to advertise to this client, in configuration order. */
export async function advertisedAuthenticators(auths: readonly Authenticator[], ctx: ExpandContext): Promise<Authenticator[]> {
  const out: Authenticator[] = [];
  for (const a of auths) if (a.isServer && (await a.advertise(ctx))) out.push(a);
  return out;
}

/** The EHLO keyword line body, e.g. `AUTH PLAIN LOGIN`; undefined when nothing is advertised. */
export function authEhloKeyword(advertised: readonly Authenticator[]): string | undefined {
  return advertised.length === 0 ? undefined : `AUTH ${advertised.map((a) => a.publicName).join(' ')}`;
}

/** The advertised authenticator for `mechanism`, or the 504 reply. */
export function selectAuthenticator(advertised: readonly Authenticator[], mechanism: string): Authenticator | { reply: string } {
  const want = mechanism.toUpperCase();
  return advertised.find((a) => a.publicName === want) ?? { reply: authUnsupportedReply(mechanism) };
}
