// Long work in the main process runs in slices with a turn of the event loop between them, so IPC stays answered.

export const SLICE_SAMPLES = 1 << 20;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
