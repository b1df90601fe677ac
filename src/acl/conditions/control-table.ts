/**
 * The controls of Exim 4.96 (as built for Debian: no DMARC, no wellknown): where each may be
 * used (checked against exim4 -bh; hooks -bh cannot reach are set by the spec's description)
 * and how its options after `/` are read. Adding a control is one entry here.
 */
import type { AclWhere } from '../types.js';
import { ALL_WHERES, allExcept } from '../where.js';

export type OptionCheck = (options: string) => 'ok' | 'syntax' | string;

export interface ControlDef {
  readonly name: string;
  /** Name used in "cannot use" messages (queue_only reports as queue). */
  readonly shownName?: string;
  readonly allowedIn: readonly AclWhere[];
  /** Options after the name (including the leading `/`); absent = none allowed. */
  readonly options?: OptionCheck;
}

const NOT_SMTP: AclWhere[] = ['not_smtp', 'not_smtp_start', 'not_smtp_mime'];
/** Controls about the message: only while one is being received. */
const MESSAGE_ONLY = allExcept('connect', 'helo', 'auth', 'mailauth', 'expn', 'etrn', 'vrfy', 'quit', 'notquit', 'starttls', 'wellknown', 'expansion');
/** Before the message data is read. */
const BEFORE_DATA: AclWhere[] = ['mail', 'rcpt', 'predata'];

const anyOptions: OptionCheck = () => 'ok';

/** `/opt/opt=value...`: each option must be one of the words or word= prefixes. */
function optionWords(words: readonly string[], valued: readonly string[] = [], restValued: readonly string[] = []): OptionCheck {
  return (options) => {
    let rest = options;
    while (rest !== '') {
      if (!rest.startsWith('/')) return 'syntax';
      rest = rest.slice(1);
      const tail = restValued.find((p) => rest.startsWith(`${p}=`));
      if (tail) return 'ok';
      const end = rest.indexOf('/');
      const word = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
      if (words.includes(word)) continue;
      if (valued.some((p) => word.startsWith(`${p}=`))) continue;
      return 'syntax';
    }
    return 'ok';
  };
}

/** dscp/<value>: a number 0..0x3f (4.96 as tested rejects the names it lists with -bI:dscp). */
const dscpValue: OptionCheck = (options) => {
  const v = options.replace(/^\//, '');
  const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : /^[0-9]+$/.test(v) ? Number(v) : NaN;
  return options.startsWith('/') && n >= 0 && n <= 0x3f ? 'ok' : 'dscp';
};

const utf8Value: OptionCheck = (options) => (options === '' || /^\/(1|0|-1)$/.test(options) ? 'ok' : 'utf8');

export const CONTROLS: readonly ControlDef[] = [
  { name: 'allow_auth_unadvertised', allowedIn: ['connect', 'helo'] },
  { name: 'caseful_local_part', allowedIn: ['rcpt'] },
  { name: 'caselower_local_part', allowedIn: ['rcpt'] },
  { name: 'cutthrough_delivery', allowedIn: ALL_WHERES, options: anyOptions },
  { name: 'debug', allowedIn: ALL_WHERES, options: anyOptions },
  { name: 'dkim_disable_verify', allowedIn: allExcept('data', ...NOT_SMTP) },
  { name: 'dscp', allowedIn: allExcept('notquit', ...NOT_SMTP), options: dscpValue },
  { name: 'enforce_sync', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'error', allowedIn: ALL_WHERES },
  { name: 'fakedefer', allowedIn: MESSAGE_ONLY, options: anyOptions },
  { name: 'fakereject', allowedIn: MESSAGE_ONLY, options: anyOptions },
  { name: 'freeze', allowedIn: MESSAGE_ONLY, options: optionWords(['no_tell']) },
  { name: 'no_callout_flush', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'no_delay_flush', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'no_enforce_sync', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'no_mbox_unspool', allowedIn: MESSAGE_ONLY },
  { name: 'no_multiline_responses', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'no_pipelining', allowedIn: allExcept(...NOT_SMTP) },
  { name: 'queue_only', shownName: 'queue', allowedIn: MESSAGE_ONLY, options: anyOptions },
  { name: 'queue', allowedIn: MESSAGE_ONLY, options: anyOptions },
  { name: 'submission', allowedIn: BEFORE_DATA, options: optionWords(['sender_retain'], ['domain'], ['name']) },
  { name: 'suppress_local_fixups', allowedIn: [...BEFORE_DATA, 'not_smtp_start'] },
  { name: 'utf8_downconvert', allowedIn: ['rcpt'], options: utf8Value },
];

/** The control a value names: its name, then the end or `/` and options. */
export function findControl(value: string): { def: ControlDef; options: string } | undefined {
  for (const def of CONTROLS) {
    const next = value.charAt(def.name.length);
    if (value.startsWith(def.name) && (next === '' || next === '/')) return { def, options: value.slice(def.name.length) };
  }
  return undefined;
}
