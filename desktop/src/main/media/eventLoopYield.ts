// Long work runs in slices with a turn of the event loop between them, so the process stays answering IPC.

export const SLICE_SAMPLES = 1 << 20;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
