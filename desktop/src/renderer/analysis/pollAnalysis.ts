import type { AnalysisJob, DesktopBridge } from '@orak/core';

// Runs a take's analysis in the main process and polls its progress (there is no push channel).

const POLL_MS = 150;

export interface AnalysisRun {
  readonly jobId: string;
  /** Resolves with the ended job: done, failed or cancelled. */
  readonly ended: Promise<AnalysisJob>;
  cancel(): Promise<void>;
}

export async function runAnalysis(
  bridge: DesktopBridge,
  takeId: string,
  onProgress: (job: AnalysisJob) => void,
): Promise<AnalysisRun> {
  const first = await bridge.invoke('analysis.start', { takeId });
  onProgress(first);
  const ended = new Promise<AnalysisJob>((resolve, reject) => {
    const poll = async (): Promise<void> => {
      try {
        const job = await bridge.invoke('analysis.status', { jobId: first.jobId });
        onProgress(job);
        if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') resolve(job);
        else setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
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
