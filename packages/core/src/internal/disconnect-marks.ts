// Errors the pool classified as disconnects, so retry() can recognise them without the driver.
const marks = new WeakSet<object>();

/** Remember that the pool saw this error as a disconnect. */
export function markDisconnect(error: unknown): void {
  if (typeof error === 'object' && error !== null) marks.add(error);
}

/** Whether the pool classified this error as a disconnect. */
export function isMarkedDisconnect(error: unknown): boolean {
  return typeof error === 'object' && error !== null && marks.has(error);
}
