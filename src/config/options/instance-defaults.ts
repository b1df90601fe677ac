/**
 * Defaults that a driver derives from the rest of its instance when it initialises, which -bP
 * shows: fixed users bring their group, appendfile/pipe framing strings depend on the delivery
 * mode, cyrus_sasl/gsasl mechanisms default to the public name, and so on.
 */
import type { DriverInstance, OptionValue } from '../types.js';
import { idDatabase } from './ids.js';

/** Exim's warning text for appendfile quota_warn_threshold when no message is configured. */
const QUOTA_WARN_MESSAGE =
  'To: $local_part@$domain\nSubject: Your mailbox\n\nThis message is automatically created by mail delivery software (Exim).\n\nThe size of your mailbox has exceeded a warning threshold that is\nset by the system administrator.\n';

const FRAMING = new Set(['check_string', 'escape_string', 'message_prefix', 'message_suffix']);

/** appendfile and pipe: BSMTP uses dot-stuffing and no From lines; directory modes no framing. */
function framingDefault(inst: DriverInstance, name: string): OptionValue {
  const value = (n: string): OptionValue => inst.options.get(n)?.value;
  if (value('use_bsmtp') === true) {
    if (name === 'check_string') return '.';
    if (name === 'escape_string') return '..';
    return '';
  }
  if (inst.driver !== 'appendfile') return undefined;
  const directoryMode =
    value('directory') !== undefined || value('maildir_format') === true || value('mailstore_format') === true || value('mbx_format') === true;
  return directoryMode ? '' : undefined;
}

/** The derived default of option `name` for this instance, or undefined to use the table's. */
export function instanceDefault(inst: DriverInstance, name: string): OptionValue {
  const value = (n: string): OptionValue => inst.options.get(n)?.value;
  if (name === 'driver') return inst.driver;
  // `verify` and `fail_verify` are unlisted shorthands setting both of their halves.
  const both = /^(fail_verify|verify)_(sender|recipient)$/.exec(name);
  if (inst.kind === 'router' && both) return value(both[1]!);
  if (inst.kind !== 'authenticator' && name === 'group') {
    // A fixed user brings its primary group when no group is given.
    const uid = value('user');
    return typeof uid === 'number' ? idDatabase().primaryGid(uid) : undefined;
  }
  if (inst.kind === 'router' && inst.driver === 'queryprogram' && name === 'command_group') {
    const uid = value('command_user');
    return typeof uid === 'number' ? idDatabase().primaryGid(uid) : undefined;
  }

  if (inst.kind === 'transport' && (inst.driver === 'appendfile' || inst.driver === 'pipe') && FRAMING.has(name)) {
    return framingDefault(inst, name);
  }
  if (inst.kind === 'transport' && inst.driver === 'appendfile' && name === 'quota_warn_message') {
    return value('quota_warn_threshold') !== undefined ? QUOTA_WARN_MESSAGE : undefined;
  }
  if (inst.kind === 'authenticator' && (inst.driver === 'cyrus_sasl' || inst.driver === 'gsasl') && name === 'server_mech') {
    return value('public_name');
  }
  return undefined;
}

