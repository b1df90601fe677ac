/** Address list items (spec sections "Address lists" and "Case of letters in address lists"). */
import type { ExpandContext, TStr } from '../expand/types.js';
import { joinList, listItems } from '../util/exim-list.js';
import { checkDomainPart } from './domain.js';
import { NO_MATCH, walkList, type ItemOutcome, type KindHandler, type WalkState } from './engine.js';
import { ListMatchError } from './errors.js';
import { localPartHandler, casefulSwitch } from './local-part.js';
import { parseLookupItem, runLookupItem, withoutPartial } from './lookup-item.js';
import { asciiLower, sameText, type SubjectInfo } from './string-item.js';
import { compileRegex } from '../regex/index.js';

/** Longest `>key` continuation chain in `@@` lookups. */
const MAX_CHAIN = 50;

interface SplitAddress {
  readonly original: string;
  /** Local part as given, and lowercased. */
  readonly local: string;
  readonly localLower: string;
  /** Domain, always lowercased; null when the subject has no @. */
  readonly domain: string | null;
}

function splitAddress(address: string): SplitAddress {
  const at = address.lastIndexOf('@');
  if (at < 0) return { original: address, local: address, localLower: asciiLower(address), domain: null };
  const local = address.slice(0, at);
  return { original: address, local, localLower: asciiLower(local), domain: asciiLower(address.slice(at + 1)) };
}

export function addressHandler(subject: SubjectInfo, ctx: ExpandContext): KindHandler {
  const addr = splitAddress(subject.text);
  return {
    kind: 'address',
    check: (item, state) => checkAddressItem(addr, subject.tainted, item, state, ctx),
    special: casefulSwitch,
  };
}

/** The address as compared: domain lowercased, local part too unless +caseful. */
function comparable(addr: SplitAddress, state: WalkState): string {
  if (addr.domain === null) return state.caseless ? addr.localLower : addr.local;
  return `${state.caseless ? addr.localLower : addr.local}@${addr.domain}`;
}

async function checkAddressItem(addr: SplitAddress, tainted: boolean, item: string, state: WalkState, ctx: ExpandContext): Promise<ItemOutcome> {
  if (item === '') return addr.original === '' ? { t: 'match' } : NO_MATCH;
  if (item.startsWith('^')) {
    // Exim sets no value and no $0 for a whole-address regex.
    return compileRegex(item, { caseless: state.caseless }).test(comparable(addr, state)) ? { t: 'match' } : NO_MATCH;
  }
  if (item.startsWith('@@')) return addr.original === '' || addr.domain === null ? NO_MATCH : checkAtAtItem(addr, tainted, item.slice(2), state, ctx);
  const semi = item.indexOf(';');
  const at = item.indexOf('@');
  if (semi >= 0 && (at < 0 || at > semi)) return checkWholeAddressLookup(addr, item, state, ctx);
  if (addr.original === '' || addr.domain === null) return NO_MATCH;
  const domain: SubjectInfo = { text: addr.domain, tainted };
  if (at < 0) return withLocalPrefix('', await checkDomainPart(domain, item, ctx, state));
  const localPattern = item.slice(0, at);
  if (!localPartMatches(addr, localPattern, state)) return NO_MATCH;
  return withLocalPrefix(localPattern, await checkDomainPart(domain, item.slice(at + 1), ctx, state));
}

function localPartMatches(addr: SplitAddress, pattern: string, state: WalkState): boolean {
  const local = state.caseless ? addr.localLower : addr.local;
  if (!pattern.startsWith('*')) return sameText(local, pattern, state.caseless);
  const suffix = pattern.slice(1);
  return local.length >= suffix.length && sameText(local.slice(local.length - suffix.length), suffix, state.caseless);
}

/** Exim's value for a local@domain item: the local part pattern, "@", and the domain's value. */
function withLocalPrefix(localPattern: string, outcome: ItemOutcome): ItemOutcome {
  if (outcome.t !== 'match') return outcome;
  if (outcome.data) return { t: 'match', data: { s: `${localPattern}@${outcome.data.s}`, tainted: outcome.data.tainted } };
  return { t: 'match', item: `${localPattern}@${outcome.item ?? ''}` };
}

/** `TYPE;...` on the whole address; partial matching does not apply (Exim ignores it). */
async function checkWholeAddressLookup(addr: SplitAddress, item: string, state: WalkState, ctx: ExpandContext): Promise<ItemOutcome> {
  const li = parseLookupItem(item, ctx, false)!;
  if (li.style === 'single-key' && addr.original === '') return NO_MATCH;
  const data = await runLookupItem(li, comparable(addr, state), ctx, withoutPartial(li.spec));
  return data ? { t: 'match', data } : NO_MATCH;
}

/**
 * `@@TYPE;file`: the domain is looked up; the data is a list of local-part patterns, whose last
 * item may be `>key` to continue with another lookup (single-key types only).
 */
async function checkAtAtItem(addr: SplitAddress, tainted: boolean, lookupItem: string, state: WalkState, ctx: ExpandContext): Promise<ItemOutcome> {
  const li = parseLookupItem(lookupItem, ctx, false);
  if (!li) throw new ListMatchError(`"@@" must be followed by a lookup: "@@${lookupItem}"`);
  const first = await runLookupItem(li, addr.domain!, ctx);
  if (!first) return NO_MATCH;
  const items: string[] = [];
  let data: TStr | null = first;
  for (let hops = 0; data; hops++) {
    const chunk = listItems(data.s);
    const last = chunk[chunk.length - 1];
    if (li.style === 'single-key' && last?.startsWith('>') && hops < MAX_CHAIN) {
      items.push(...chunk.slice(0, -1));
      data = await runLookupItem(li, last.slice(1).trim(), ctx);
    } else {
      items.push(...chunk);
      data = null;
    }
  }
  const handler = localPartHandler({ text: addr.local, tainted }, ctx, false);
  const r = await walkList(joinList(items), handler, ctx, { ...state });
  return r.matched ? { t: 'match', item: r.item, data: r.data } : NO_MATCH;
}
