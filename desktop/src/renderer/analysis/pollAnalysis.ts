import type { AnalysisJob, DesktopBridge, TessituraWindow } from '@orak/core';

// Runs a take's analysis in the main process and polls its progress (there is no push channel) until it ends
// or the caller's signal aborts (the screen went away: the analysis goes on in main, the polling stops).

const POLL_MS = 150;

export interface AnalysisRun {
  readonly jobId: string;
  /** Resolves with the ended job: done, failed or cancelled; rejects with the abort reason once aborted. */
  readonly ended: Promise<AnalysisJob>;
  cancel(): Promise<void>;
}

const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new DOMException('polling stopped', 'AbortError');

export async function runAnalysis(
  bridge: DesktopBridge,
  takeId: string,
  onProgress: (job: AnalysisJob) => void,
  signal?: AbortSignal,
  tessituraWindows?: TessituraWindow[],
): Promise<AnalysisRun> {
  const first = await bridge.invoke(
    'analysis.start',
    tessituraWindows ? { takeId, tessituraWindows } : { takeId },
  );
  if (!signal?.aborted) onProgress(first);
  const ended = new Promise<AnalysisJob>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = () => {
      if (timer !== null) clearTimeout(timer);
      reject(abortReason(signal!));
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    const poll = async (): Promise<void> => {
      timer = null;
      try {
        const job = await bridge.invoke('analysis.status', { jobId: first.jobId });
        if (signal?.aborted) return;
        onProgress(job);
        if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') {
          signal?.removeEventListener('abort', stop);
          resolve(job);
        } else timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        signal?.removeEventListener('abort', stop);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    void poll();
  });
  return {
    jobId: first.jobId,
    ended,
    async cancel() {
      await bridge.invoke('analysis.cancel', { jobId: first.jobId });
    },
  };
}
