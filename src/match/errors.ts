/** Typed failures of list matching; callers (conditions, ACLs, routers) turn them into defer/error. */
import type { NamedListKind } from '../expand/types.js';
import { MailwrightError } from '../util/errors.js';

export class ListMatchError extends MailwrightError {}

const KIND_WORD: Readonly<Record<NamedListKind, string>> = {
  domain: 'domain',
  host: 'host',
  address: 'address',
  localpart: 'local part',
};

/** `+name` with no such named list (Exim logs this text and the match cannot complete). */
export class UnknownNamedListError extends ListMatchError {
  constructor(
    readonly kind: NamedListKind,
    readonly listName: string,
  ) {
    super(`unknown named ${KIND_WORD[kind]} list "+${listName}"`);
  }
}

/** An item needs DNS (MX lookups, reverse lookups) and no resolver is available yet. */
export class ResolverRequiredError extends ListMatchError {
  constructor(readonly item: string) {
    super(`"${item}" requires the DNS resolver (not built yet)`);
  }
}

/** A list file could not be read. */
export class ListFileError extends ListMatchError {}
