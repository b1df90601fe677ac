/** Exim's reading of a finished pipe command: exit codes, temp_errors, signals, output options. */
import type { DriverOptions } from '../../config/driver-options.js';
import { listItems } from '../../util/exim-list.js';
import type { DeliveryResult } from '../types.js';
import type { RunResult } from './run.js';

const SIGNAL_NAMES: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 6: 'Aborted', 7: 'Bus error', 8: 'Floating point exception',
  9: 'Killed', 11: 'Segmentation fault', 13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated',
};

/** The parenthesised hint exim4 adds for some exit codes. */
function codeHint(code: number): string {
  if (code === 75) return ' (could mean temporary error)';
  if (code === 73) return " (could mean can't create output file)";
  if (code === 127) return ' (could mean unable to exec or command does not exist)';
  // Not checked against exim4 (a shell reports a signal as 128+n).
  if (code > 128) return ` (could mean shell command ended by signal ${code - 128} (${SIGNAL_NAMES[code - 128] ?? 'unknown'}))`;
  return '';
}

export function isTempError(code: number, opts: DriverOptions): boolean {
  const list = opts.str('temp_errors') ?? '75:73';
  if (list.trim() === '*') return true;
  return listItems(list, ':').some((c) => Number(c.trim()) === code);
}

export interface JudgeInput {
  readonly opts: DriverOptions;
  /** The command as configured (shown for signals). */
  readonly raw: string;
  readonly argv0: string;
  readonly sender: string;
  readonly rcpt: string;
}

export function judgeRun(run: RunResult, j: JudgeInput): DeliveryResult {
  const { opts } = j;
  const output = run.output.toString('latin1');
  const firstLine = output.split('\n')[0] ?? '';
  const logNote = (want: boolean): string | undefined =>
    want && output !== '' ? `<${j.rcpt}>: ${opts.name} transport output: ${firstLine}` : undefined;
  // A bounce's output is always discarded.
  const returnable = j.sender !== '' ? output : '';
  if (run.timedOut) {
    const r = { message: 'pipe delivery process timed out', note: logNote(opts.bool('log_output')) };
    return opts.bool('timeout_defer') ? { status: 'defer', ...r } : { status: 'fail', ...r };
  }
  if (run.execFailed && opts.bool('freeze_exec_fail')) {
    return { status: 'defer', message: `pipe process failed to exec "${j.argv0}"`, freeze: true };
  }
  if (run.signal) {
    const n = run.signalNumber ?? 0;
    const message = `Child process of ${opts.name} transport (running command "${j.raw}") was terminated by signal ${n} (${SIGNAL_NAMES[n] ?? run.signal})`;
    if (opts.bool('freeze_signal')) return { status: 'defer', message, freeze: true };
    return { status: 'fail', message, note: logNote(opts.bool('log_output') || opts.bool('log_fail_output')), ...outputIf(opts.bool('return_fail_output') || opts.bool('return_output'), returnable) };
  }
  const code = run.code ?? 0;
  if (code !== 0 && !opts.bool('ignore_status')) {
    const message = `Child process of ${opts.name} transport returned ${code}${codeHint(code)} from command: ${j.argv0}`;
    if (isTempError(code, opts) && !(opts.bool('return_output') && returnable !== '')) {
      return { status: 'defer', message, note: logNote(opts.bool('log_output') || opts.bool('log_defer_output')) };
    }
    return {
      status: 'fail',
      message,
      note: logNote(opts.bool('log_output') || opts.bool('log_fail_output')),
      ...outputIf(opts.bool('return_fail_output') || opts.bool('return_output'), returnable),
    };
  }
  if (opts.bool('return_output') && returnable !== '') {
    return { status: 'fail', message: 'return message generated', output: returnable, note: logNote(opts.bool('log_output')) };
  }
  return { status: 'ok', note: logNote(opts.bool('log_output')) };
}

function outputIf(want: boolean, output: string): { output?: string } {
  return want && output !== '' ? { output } : {};
}
