/**
 * Helpers for code that returns a value directly when it could compute it synchronously and a
 * promise only when it had to wait (see Evaluator.seqM). They keep the order of effects and
 * the error behaviour of the equivalent async/await code.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `f(await v)`, without a promise when v is a plain value. */
export function then<T, U>(v: MaybePromise<T>, f: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** `try { return await fn() } finally { cleanup() }`. */
export function withCleanup<T>(fn: () => MaybePromise<T>, cleanup: () => void): MaybePromise<T> {
  let r: MaybePromise<T>;
  try {
    r = fn();
  } catch (err) {
    cleanup();
    throw err;
  }
  if (r instanceof Promise) return r.finally(cleanup);
  cleanup();
  return r;
}

/** `try { return await fn() } catch (e) { throw mapError(e) }`. */
export function mapErrors<T>(fn: () => MaybePromise<T>, mapError: (err: unknown) => unknown): MaybePromise<T> {
  let r: MaybePromise<T>;
  try {
    r = fn();
  } catch (err) {
    throw mapError(err);
  }
  if (r instanceof Promise) {
    return r.catch((err: unknown) => {
      throw mapError(err);
    });
  }
  return r;
}

/** `for (const item of items) await body(item)`, without promises while body returns plain values. */
export function forEachM<T>(items: readonly T[], body: (item: T) => MaybePromise<void>, from = 0): MaybePromise<void> {
  for (let i = from; i < items.length; i++) {
    const r = body(items[i]!);
    if (r instanceof Promise) return r.then(() => forEachM(items, body, i + 1));
  }
  return undefined;
}
