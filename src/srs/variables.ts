/**
 * Expansion variables of SRS. Native: $srs_recipient, set by the inbound_srs condition itself.
 * libsrs_alt interface: $srs_db_address, $srs_db_key, $srs_orig_recipient, $srs_orig_sender,
 * $srs_recipient and $srs_status, set while a redirect router with `srs` runs (redirect.ts),
 * so that its data/file, srs_dbinsert and srs_dbselect expansions can use them.
 *
 * Mailwright knows a variable when it is in the context's vars, so a router sets all six
 * (unset ones empty): they exist once SRS is in use, as in an Exim built with the feature.
 */
import { EMPTY, type ExpandContext, type TStr } from '../expand/types.js';

export const SRS_VARIABLE_NAMES = ['srs_db_address', 'srs_db_key', 'srs_orig_recipient', 'srs_orig_sender', 'srs_recipient', 'srs_status'] as const;

export type SrsVariableName = (typeof SRS_VARIABLE_NAMES)[number];

export interface SrsVariableState {
  /** The sender stored by srs_dbinsert. */
  dbAddress?: TStr;
  /** The database key being stored or looked up. */
  dbKey?: TStr;
  /** The recipient before reverse rewriting. */
  origRecipient?: TStr;
  /** The sender before forward rewriting. */
  origSender?: TStr;
  /** The recipient after reverse rewriting. */
  recipient?: TStr;
  /** Text of the last SRS result ("The call was successful", "Time stamp expired", ...). */
  status?: TStr;
}

const FIELD: Readonly<Record<SrsVariableName, keyof SrsVariableState>> = {
  srs_db_address: 'dbAddress',
  srs_db_key: 'dbKey',
  srs_orig_recipient: 'origRecipient',
  srs_orig_sender: 'origSender',
  srs_recipient: 'recipient',
  srs_status: 'status',
};

/** All six libsrs_alt variables, empty where the state has no value. */
export function srsVariables(state: SrsVariableState): Map<string, TStr> {
  return new Map(SRS_VARIABLE_NAMES.map((name) => [name, state[FIELD[name]] ?? EMPTY]));
}

/** Put the variables into an expansion context (replacing earlier values). */
export function setSrsVariables(ctx: ExpandContext, state: SrsVariableState): void {
  for (const [name, value] of srsVariables(state)) ctx.vars.set(name, value);
}
