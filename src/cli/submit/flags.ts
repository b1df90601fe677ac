/**
 * The command-line options of local submission (exim -bm / sendmail): recognised while
 * src/cli/args.ts walks argv (it calls submitFlag for each option it does not handle itself),
 * then turned into a SubmitRequest. Sendmail-style spellings are accepted: -oi/-oitrue, -ti,
 * -ex as -oex, -f/-F joined to their value.
 */

/** -od*: what happens after the message is on the spool. */
export type DeliveryMode = 'background' | 'foreground' | 'queue' | 'queue-smtp';

/** -oe*: how reception errors are reported. */
export type ErrorMode = 'mail' | 'mail-zero' | 'stderr';

export interface SubmitFlags {
  /** -t / -ti: recipients from the header. */
  extractRecipients: boolean;
  /** -i / -oi / -oitrue / -ti: a line with a single dot is data. */
  dotIsData: boolean;
  /** -F: the sender's full name. */
  fullName?: string;
  /** -odb / -odf / -odi / -odq / -odqs (undefined: the default, background). */
  delivery?: DeliveryMode;
  /** -odqs given together with -odi/-odf (foreground routing, SMTP queued). */
  foregroundWithQs?: boolean;
  /** -oem / -oee / -oep / -oeq / -oew (undefined: -oem). */
  errors?: ErrorMode;
  /** -G: control = suppress_local_fixups for this message. */
  suppressFixups: boolean;
  /** -bnq: no qualification of unqualified addresses (envelope ones are errors). */
  noQualify: boolean;
  /** -bm was given explicitly. */
  explicitMode: boolean;
}

export function newSubmitFlags(): SubmitFlags {
  return { extractRecipients: false, dotIsData: false, suppressFixups: false, noQualify: false, explicitMode: false };
}

const ERROR_FLAGS: Record<string, ErrorMode> = { m: 'mail', w: 'mail', e: 'mail-zero', p: 'stderr', q: 'stderr' };
const DELIVERY_FLAGS: Record<string, DeliveryMode> = { b: 'background', f: 'foreground', i: 'foreground', q: 'queue', qs: 'queue-smtp' };

/**
 * Handle one submission option; `next` takes the following argument (throws the usage error
 * when missing). Returns false for options that are not submission options.
 */
export function submitFlag(flags: SubmitFlags, a: string, next: () => string): boolean {
  if (a === '-bm') flags.explicitMode = true;
  else if (a === '-t') flags.extractRecipients = true;
  else if (a === '-ti') flags.extractRecipients = flags.dotIsData = true;
  else if (a === '-i' || a === '-oi' || a === '-oitrue') flags.dotIsData = true;
  else if (a === '-G') flags.suppressFixups = true;
  else if (a === '-bnq') flags.noQualify = true;
  else if (a === '-F') flags.fullName = next();
  else if (a.startsWith('-F') && a.length > 2) flags.fullName = a.slice(2);
  else if (/^-o?e[mwepq]$/.test(a)) flags.errors = ERROR_FLAGS[a[a.length - 1]!];
  else if (/^-od(b|f|i|q|qs)$/.test(a)) setDelivery(flags, DELIVERY_FLAGS[a.slice(3)]!);
  else return false;
  return true;
}

/** -odqs with -odi means foreground routing; otherwise the last -od option wins. */
function setDelivery(flags: SubmitFlags, mode: DeliveryMode): void {
  if (mode === 'queue-smtp' && flags.delivery === 'foreground') flags.foregroundWithQs = true;
  if (mode === 'foreground' && flags.delivery === 'queue-smtp') {
    flags.foregroundWithQs = true;
    return;
  }
  flags.delivery = mode;
}

/** Whether argv[0] names the command as sendmail or mailq (bin/mailwright passes the name on). */
export function invokedAs(name: string | undefined): 'sendmail' | 'mailq' | 'rmail' | undefined {
  if (name === undefined) return undefined;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base === 'sendmail') return 'sendmail';
  if (base === 'mailq') return 'mailq';
  if (base === 'rmail') return 'rmail';
  return undefined;
}

/**
 * The arguments as Exim reads them when called by another name: `mailq` is -bp, `rmail` is
 * -i -oee; `sendmail` needs nothing (local submission is the default mode).
 */
export function argvAsInvoked(name: string | undefined, argv: readonly string[]): string[] {
  switch (invokedAs(name)) {
    case 'mailq':
      return ['-bp', ...argv];
    case 'rmail':
      return ['-i', '-oee', ...argv];
    default:
      return [...argv];
  }
}
