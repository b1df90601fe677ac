/**
 * TEMPORARY placeholder with the agreed signatures, so dependants compile; the list-matching
 * helper replaces it with the implementation.
 */
import type { ExpandContext } from '../expand/types.js';
import { MailwrightError } from '../util/errors.js';
import type { HostIdentity, ListMatch, ListMatchOptions } from './types.js';

export type { HostIdentity, ListMatch, ListMatchOptions } from './types.js';

const pending = (): never => {
  throw new MailwrightError('list matching is not built yet');
};

export async function matchDomainList(_subject: string, _list: string, _ctx: ExpandContext, _opts?: ListMatchOptions): Promise<ListMatch> {
  return pending();
}
export async function matchLocalPartList(_subject: string, _list: string, _ctx: ExpandContext, _opts?: ListMatchOptions): Promise<ListMatch> {
  return pending();
}
export async function matchAddressList(_subject: string, _list: string, _ctx: ExpandContext, _opts?: ListMatchOptions): Promise<ListMatch> {
  return pending();
}
export async function matchHostList(_host: HostIdentity, _list: string, _ctx: ExpandContext, _opts?: ListMatchOptions): Promise<ListMatch> {
  return pending();
}
