/**
 * Settle as `operation` does, or reject with `expired()`'s error once `ms` pass first. The timer
 * never keeps the process alive and is cleared as soon as the operation settles. `ms` ≤ 0: no limit.
 */
export function withDeadline<T>(operation: Promise<T>, ms: number, expired: () => unknown): Promise<T> {
  if (!(ms > 0)) return operation;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(expired()), ms);
    timer.unref();
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
