import type { F0Track, WaveformPeaks } from '@orak/core';
import type { AnalysisWorkerLauncher } from '../analysis/analysisWorkerLauncher';
import { WorkerReportSchema, type WorkerJob } from '../analysis/analysisWorkerProtocol';
import { TakeMediaError } from './takeMediaError';

// Runs one take's media computation in a worker process, so the decode and the pitch tracker never hold
// Electron's main process, and the decoded samples go when the worker does.

export interface TakeMediaResult {
  peaks: WaveformPeaks;
  pitch: F0Track;
}

export function computeMediaInWorker(
  launch: AnalysisWorkerLauncher,
  file: string,
  fileName: string,
  timeoutMs: number,
): Promise<TakeMediaResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = launch();
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      outcome();
    };
    const unreadable = (reason: string) =>
      new TakeMediaError('unreadable', `the audio file ${fileName} cannot be read: ${reason}`);
    const watchdog = setTimeout(
      () => finish(() => reject(unreadable(`it took longer than ${Math.round(timeoutMs / 1000)} s to read`))),
      timeoutMs,
    );
    worker.on('message', (raw: unknown) => {
      const parsed = WorkerReportSchema.safeParse(raw);
      if (!parsed.success) return;
      const report = parsed.data;
      if (report.type === 'media') finish(() => resolve({ peaks: report.peaks, pitch: report.pitch }));
      else if (report.type === 'media-failed')
        finish(() =>
          reject(
            report.missing
              ? new TakeMediaError(
                  'missing',
                  `the audio file ${fileName} is missing from the library's takes folder`,
                )
              : unreadable(report.detail),
          ),
        );
    });
    worker.on('error', (error) => finish(() => reject(unreadable(error.message))));
    worker.on('exit', (code, signal) =>
      finish(() => reject(unreadable(`the reader stopped unexpectedly (${signal ?? `exit code ${code}`})`))),
    );
    const job: WorkerJob = { type: 'media', file };
    worker.send(job);
  });
}
