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

/**
 * `+name` with no such named list of this kind. Exim writes `logMessage` to its log; the text
 * it shows after "unable to complete match against ...: " is the message: "NULL" when no list
 * of that name exists at all, empty when one exists but of another kind (observed in 4.96).
 */
export class UnknownNamedListError extends ListMatchError {
  readonly logMessage: string;
  constructor(
    readonly kind: NamedListKind,
    readonly listName: string,
    existsAsOtherKind = false,
  ) {
    super(existsAsOtherKind ? '' : 'NULL');
    this.logMessage = `unknown named ${KIND_WORD[kind]} list "+${listName}"`;
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
