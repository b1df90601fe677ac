/**
 * Running the pipe command: its own process group (so a timeout kills every descendant), the
 * message on stdin, stdout and stderr collected together up to max_output (beyond that the
 * process is killed), umask and uid/gid applied to the child.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';

export interface RunSpec {
  readonly argv: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly input: Buffer;
  /** Seconds; 0 means none. */
  readonly timeout: number;
  readonly maxOutput: number;
  readonly umask: number;
  readonly uid?: number;
  readonly gid?: number;
}

export interface RunResult {
  /** Exit code, or undefined when killed by a signal. */
  readonly code?: number;
  readonly signal?: NodeJS.Signals;
  readonly signalNumber?: number;
  readonly timedOut: boolean;
  /** execve() failed (ENOENT, EACCES...). */
  readonly execFailed: boolean;
  readonly output: Buffer;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };

/** execve() would fail: exim4 reports such a command as exit status 127 with no output. */
function notExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isDirectory();
  } catch {
    return true;
  }
}

/**
 * The command runs behind `/bin/sh -c 'exec "$@" 2>&1'`: the shell replaces itself with the
 * command at once, and stdout and stderr share one pipe as in exim4, so the order of what the
 * command writes to each is kept (two Node pipes would interleave at random).
 */
export function runCommand(spec: RunSpec): Promise<RunResult> {
  if (notExecutable(spec.argv[0]!)) {
    return Promise.resolve({ code: 127, timedOut: false, execFailed: true, output: Buffer.alloc(0) });
  }
  return new Promise((resolve) => {
    const asRoot = process.geteuid?.() === 0;
    // The umask is inherited at fork time, which happens inside spawn(): set it around the call.
    const oldMask = process.umask(spec.umask);
    let child;
    try {
      child = spawn('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', ...spec.argv], {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ['pipe', 'pipe', 'ignore'],
        ...(asRoot && spec.uid !== undefined ? { uid: spec.uid } : {}),
        ...(asRoot && spec.gid !== undefined ? { gid: spec.gid } : {}),
      });
    } finally {
      process.umask(oldMask);
    }
    const chunks: Buffer[] = [];
    let outputSize = 0;
    let timedOut = false;
    // Too much output: the command counts as killed even if it managed to exit first.
    let killedForOutput = false;
    let execFailed = false;
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const collect = (b: Buffer): void => {
      outputSize += b.length;
      if (outputSize <= spec.maxOutput) chunks.push(b);
      else {
        chunks.push(b.subarray(0, Math.max(0, b.length - (outputSize - spec.maxOutput))));
        killedForOutput = true;
        killGroup();
      }
    };
    child.stdout!.on('data', collect);
    child.stdin!.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (r: RunResult): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve(r);
    };
    child.on('error', () => {
      // execve() failed: there is no process to wait for.
      execFailed = true;
      finish({ code: 127, timedOut: false, execFailed: true, output: Buffer.concat(chunks) });
    });
    if (spec.timeout > 0) timer = setTimeout(() => { timedOut = true; killGroup(); }, spec.timeout * 1000);
    child.on('close', (code, signal) => {
      const sig = killedForOutput ? 'SIGKILL' : signal ?? undefined;
      finish({
        code: execFailed ? 127 : killedForOutput ? undefined : code ?? undefined,
        signal: sig,
        signalNumber: sig ? SIGNALS[sig] : undefined,
        timedOut,
        execFailed,
        output: Buffer.concat(chunks),
      });
    });
    child.stdin!.end(spec.input);
  });
}
