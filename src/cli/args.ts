/**
 * Exim-compatible command-line parsing. Options are table-driven so each new mode
 * (-bd, -bh, -bt, -q...) is one entry; modes whose subsystem is not built yet are recognised
 * and refused with a clear "not supported yet" message rather than Exim's unknown-option error.
 */
import { newSubmitFlags, submitFlag, type SubmitFlags } from './submit/flags.js';

export class UsageError extends Error {}

/** What a mode does once implemented. */
export type Mode = 'be' | 'bem' | 'bV' | 'bP' | 'bh' | 'bs' | 'bd' | 'bdf' | 'brt' | 'M' | 'Mg' | 'q' | 'bm';

export interface CliOptions {
  mode?: Mode;
  /** A recognised Exim mode or flag that Mailwright does not implement yet. */
  unsupported?: string;
  configFile?: string;
  macros: Record<string, string>;
  debug: boolean;
  verbose: boolean;
  /** Argument of -bem (message file). */
  messageFile?: string;
  /** Argument of -bh (host address, optionally `.port`). */
  hostCheckAddress?: string;
  /** -oMa, -oMaa, -oMai, -oMi, -oMr, -oMs, -oMt, -oX values by option name (SMTP server modes). */
  serverOptions: Record<string, string>;
  /** -bt, -bv, -bvs: address testing / verification (src/cli/address-test.ts). */
  addressTest?: 'bt' | 'bv' | 'bvs';
  /** -f: envelope sender ('' for `-f ''` or `-f <>`); used by -brt to match senders= retry rules. */
  sender?: string;
  /** -q family: `f` (-qf), `ff` (-qff), `i` (-qi) as given; interval in seconds for -q<time>. */
  queueFlags?: string;
  queueInterval?: number;
  /** -R / -S: queue-run selections by recipient / sender text. */
  recipientFilter?: string;
  senderFilter?: string;
  /** A -bp listing or -M operator flag (-bpr, -Mf, -Mvh...); operands are its message ids and addresses. */
  queueAdmin?: string;
  /** -Mset: message whose variables -be loads first. */
  msetId?: string;
  /** Local submission options (-t, -i/-oi, -F, -od*, -oe*, -G): see src/cli/submit/flags.ts. */
  submit: SubmitFlags;
  operands: string[];
}

/** Modes implemented in this build. */
const MODES: Record<string, Mode> = { '-be': 'be', '-bV': 'bV', '-bP': 'bP', '-bs': 'bs', '-bd': 'bd', '-bdf': 'bdf', '-brt': 'brt' };

/** Queue listing and operator commands (src/cli/queue-admin): the flag is kept, its operands follow. */
const QUEUE_ADMIN = new Set(['-bp', '-bpa', '-bpc', '-bpr', '-bpra', '-bpru', '-bpu', '-Mar', '-Mes', '-Mf', '-Mmad', '-Mmd', '-Mrm', '-Mt', '-Mvb', '-Mvc', '-Mvh', '-Mvl']);

/** Options that take a value and configure the SMTP server modes (table: one entry each). */
const SERVER_OPTIONS = new Set(['-oMa', '-oMaa', '-oMai', '-oMi', '-oMr', '-oMs', '-oMt', '-oX', '-oP']);

/**
 * Exim options Mailwright recognises but has not implemented yet (value: takes an argument).
 * Anything neither here nor handled below is Exim's "unknown, malformed, or incomplete option".
 */
const PENDING: Record<string, boolean> = {
  '-bF': true, '-bf': true, '-bhc': true, '-bi': false,
  '-bmalware': true, '-brw': false,
  '-bS': false, '-bw': false,
  '-Mc': false, '-ql': false, '-qq': false,
};

/** Flags that only adjust behaviour and are accepted (and ignored where irrelevant) in every mode. */
const HARMLESS_FLAGS = new Set(['-i', '-oi', '-oitrue', '-odi', '-odb', '-odq', '-odf', '-oem', '-oee', '-oep', '-oeq', '-oew', '-m', '-om', '-n', '-N', '-U', '-x', '-v']);

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { macros: {}, debug: false, verbose: false, operands: [], serverOptions: {}, submit: newSubmitFlags() };
  let i = 0;
  const next = (flag: string): string => {
    if (i + 1 >= argv.length) throw new UsageError(flag);
    return argv[++i]!;
  };
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a in MODES) { opts.mode = MODES[a]; continue; }
    if (QUEUE_ADMIN.has(a)) { opts.queueAdmin = a; continue; }
    if (a === '-Mset') { opts.msetId = next(a); continue; }
    if (a === '-bt' || a === '-bv' || a === '-bvs') { opts.addressTest = a.slice(1) as 'bt' | 'bv' | 'bvs'; continue; }
    if (a === '-bem') { opts.mode = 'bem'; opts.messageFile = next(a); continue; }
    if (a === '-bh') { opts.mode = 'bh'; opts.hostCheckAddress = next(a); continue; }
    if (SERVER_OPTIONS.has(a)) { opts.serverOptions[a] = next(a); continue; }
    if (a === '-f') { opts.sender = senderArgument(next(a)); continue; }
    if (a.startsWith('-f') && a.length > 2) { opts.sender = senderArgument(a.slice(2)); continue; }
    if (a === '-bm') { opts.mode = 'bm'; continue; }
    if (submitFlag(opts.submit, a, () => next(a))) continue;
    if (a === '-C') { opts.configFile = next(a); continue; }
    if (a.startsWith('-C') && a.length > 2) { opts.configFile = a.slice(2); continue; }
    if (a.startsWith('-D')) { defineMacro(opts, a.length > 2 ? a.slice(2) : next(a)); continue; }
    if (/^-d+([-+]\w+)*$/.test(a)) { opts.debug = true; continue; }
    if (a === '-v') { opts.verbose = true; continue; }
    if (HARMLESS_FLAGS.has(a)) continue;
    if (a === '-M') { opts.mode = 'M'; continue; }
    if (a === '-Mg') { opts.mode = 'Mg'; continue; }
    if (a === '-R') { opts.recipientFilter = next(a); continue; }
    if (a === '-S') { opts.senderFilter = next(a); continue; }
    if (queueRunFlag(opts, a)) continue;
    const pending = pendingFlag(a);
    if (pending) {
      opts.unsupported ??= pending.flag;
      if (pending.takesArg) next(a);
      continue;
    }
    throw new UsageError(a);
  }
  opts.operands = argv.slice(i);
  // Sendmail behaviour: -t, or plain recipients with no mode, means -bm.
  const noMode = opts.mode === undefined && opts.queueAdmin === undefined && opts.addressTest === undefined && opts.unsupported === undefined;
  if (noMode && (opts.submit.extractRecipients || opts.operands.length > 0)) opts.mode = 'bm';
  return opts;
}

/** -q, -qf, -qff, -qi, -qif, -qiff, each optionally followed by an interval (-q30m, -qf1h). */
function queueRunFlag(opts: CliOptions, a: string): boolean {
  const m = /^-q(i?f{0,2}|f{0,2}i?)((?:\d+[smhdw])*)$/.exec(a);
  if (!m) return false;
  if (opts.mode !== 'bd' && opts.mode !== 'bdf') opts.mode = 'q';
  opts.queueFlags = m[1]!;
  if (m[2]) opts.queueInterval = intervalSeconds(m[2]);
  return true;
}

function intervalSeconds(text: string): number {
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)([smhdw])/g)) total += Number(n) * unit[u!]!;
  return total;
}

function pendingFlag(a: string): { flag: string; takesArg: boolean } | undefined {
  if (a in PENDING) return { flag: a, takesArg: PENDING[a]! };
  // -oMa, -oMs, -oX, -f, -F, -r and friends take a value; accepted now so scripts do not break.
  if (/^-(oM[a-z]*|oX|oA|oB|oP|or|os|f|F|r|h|L|O|p[dsX]?)$/.test(a)) return { flag: a, takesArg: true };
  return undefined;
}

/** `-f <>` means the empty sender, as `-f ''` does. */
function senderArgument(value: string): string {
  return value === '<>' ? '' : value;
}

function defineMacro(opts: CliOptions, def: string): void {
  const m = /^([A-Z][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(def);
  if (!m) throw new UsageError(`-D${def}`);
  opts.macros[m[1]!] = m[2] ?? '';
}

/** Exim's exact complaint for a bad option. */
export function usageText(flag: string): string {
  return (
    `exim abandoned: unknown, malformed, or incomplete option ${flag}\n` +
    'Exim is a Mail Transfer Agent. It is normally called by Mail User Agents,\n' +
    'not directly from a shell command line. Options and/or arguments control\n' +
    'what it does when called. For a list of options, see the Exim documentation.\n'
  );
}
