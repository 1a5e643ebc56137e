import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AnalysisJob, AnalysisStage, TakeAnalysis } from '@orak/core';
import type { LibraryService } from '../library/libraryService';
import { describeFailure, type AnalysisFailure } from './analysisFailure';
import { stageFraction } from './analysisProgress';
import { launchAnalysisWorker, type AnalysisWorkerLauncher } from './analysisWorkerLauncher';
import { WorkerReportSchema, type WorkerJob } from './analysisWorkerProtocol';

// Takes analysed on this machine, each in its own worker process (the main process never blocks), a few at
// a time; the result goes into the take. Progress is polled: the renderer asks, nothing is pushed.

export interface LocalAnalysisOptions {
  /** The open library, looked up per job (it may be unavailable when the app starts). */
  library: () => LibraryService;
  /** Workers running at once; the rest wait in order. */
  concurrency?: number;
  /** Songs stored with each analysed take. */
  recommendations?: number;
  userCatalogueFile?: string | null;
  launchWorker?: AnalysisWorkerLauncher;
  now?: () => Date;
}

export interface LocalAnalysisService {
  /** Queues a take, or returns the job already queued or running for it. */
  start(takeId: string): AnalysisJob;
  status(jobId: string): AnalysisJob;
  cancel(jobId: string): AnalysisJob;
  /** Resolves with the job once it is done, failed or cancelled. */
  settled(jobId: string): Promise<AnalysisJob>;
  /** Stops every worker; queued jobs end cancelled. */
  close(): Promise<void>;
}

interface Job {
  id: string;
  takeId: string;
  state: AnalysisJob['state'];
  stage: AnalysisStage;
  stageStartedAt: number;
  audioSec: number | null;
  error: AnalysisFailure | null;
  worker: ChildProcess | null;
  waiters: ((job: AnalysisJob) => void)[];
}

const ENDED = new Set<AnalysisJob['state']>(['done', 'failed', 'cancelled']);

export function createLocalAnalysisService(options: LocalAnalysisOptions): LocalAnalysisService {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const top = options.recommendations ?? 20;
  const launch = options.launchWorker ?? launchAnalysisWorker;
  const now = options.now ?? (() => new Date());
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  let running = 0;

  function view(job: Job): AnalysisJob {
    const elapsedSec = (Date.now() - job.stageStartedAt) / 1000;
    return {
      jobId: job.id,
      takeId: job.takeId,
      state: job.state,
      stage: job.stage,
      fraction: job.state === 'done' ? 1 : stageFraction(job.stage, elapsedSec, job.audioSec),
      error: job.error,
    };
  }

  function find(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new Error(`no analysis job ${jobId}`);
    return job;
  }

  function end(job: Job, state: 'done' | 'failed' | 'cancelled', error: AnalysisFailure | null = null): void {
    if (ENDED.has(job.state)) return;
    job.state = state;
    job.error = error;
    job.worker = null;
    for (const resolve of job.waiters.splice(0)) resolve(view(job));
  }

  async function store(
    job: Job,
    report: { analysis: TakeAnalysis['result']; recommendations: TakeAnalysis['recommendations'] },
  ) {
    const analysis: TakeAnalysis = {
      source: 'local',
      analyzedAt: now().toISOString(),
      result: report.analysis,
      recommendations: report.recommendations,
    };
    await options.library().updateTake(job.takeId, {
      analysis,
      range: { lowMidi: report.analysis.range.lowest.midi, highMidi: report.analysis.range.highest.midi },
    });
  }

  function run(job: Job): void {
    const take = options.library().getTake(job.takeId);
    if (!take) return end(job, 'failed', describeFailure('not-found', 'the take was deleted'));
    // The slot is held until the worker process is gone, not just until its verdict: never more alive at once.
    job.state = 'running';
    running++;
    job.stage = 'decode';
    job.stageStartedAt = Date.now();
    const worker = launch();
    job.worker = worker;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      running--;
      pump();
    };
    worker.once('exit', release);
    worker.once('error', release);
    let outcome: 'pending' | 'storing' = 'pending';
    worker.on('message', (raw: unknown) => {
      const parsed = WorkerReportSchema.safeParse(raw);
      if (!parsed.success || job.state !== 'running') return;
      const report = parsed.data;
      if (report.type === 'stage') {
        job.stage = report.stage;
        job.stageStartedAt = Date.now();
        job.audioSec = report.audioSec ?? job.audioSec;
      } else if (report.type === 'failed') {
        end(job, 'failed', { code: report.code, message: report.message });
      } else {
        outcome = 'storing';
        store(job, report).then(
          () => end(job, 'done'),
          (error: unknown) =>
            end(
              job,
              'failed',
              describeFailure('internal', error instanceof Error ? error.message : String(error)),
            ),
        );
      }
    });
    worker.on('error', (error) => end(job, 'failed', describeFailure('worker-crashed', error.message)));
    worker.on('exit', (code, signal) => {
      // A worker that ends without a verdict crashed (or was killed by cancel, which already ended the job).
      if (outcome === 'pending')
        end(job, 'failed', describeFailure('worker-crashed', signal ?? `exit code ${code ?? 'unknown'}`));
    });
    const message: WorkerJob = {
      type: 'analyse',
      file: join(options.library().takesDir, take.fileName),
      top,
      userCatalogueFile: options.userCatalogueFile ?? null,
    };
    worker.send(message);
  }

  function pump(): void {
    while (running < concurrency && queue.length > 0) run(queue.shift()!);
  }

  function cancel(jobId: string): AnalysisJob {
    const job = find(jobId);
    if (ENDED.has(job.state)) return view(job);
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
    job.worker?.kill('SIGKILL');
    end(job, 'cancelled');
    return view(job);
  }

  return {
    start(takeId) {
      if (!options.library().getTake(takeId)) throw new Error(`no take ${takeId}`);
      const active = [...jobs.values()].find((j) => j.takeId === takeId && !ENDED.has(j.state));
      if (active) return view(active);
      const job: Job = {
        id: randomUUID(),
        takeId,
        state: 'queued',
        stage: 'queued',
        stageStartedAt: Date.now(),
        audioSec: null,
        error: null,
        worker: null,
        waiters: [],
      };
      jobs.set(job.id, job);
      queue.push(job);
      pump();
      return view(job);
    },
    status: (jobId) => view(find(jobId)),
    cancel,
    settled(jobId) {
      const job = find(jobId);
      if (ENDED.has(job.state)) return Promise.resolve(view(job));
      return new Promise((resolve) => job.waiters.push(resolve));
    },
    async close() {
      const exits: Promise<unknown>[] = [];
      for (const job of jobs.values()) {
        const worker = job.worker;
        if (worker && worker.exitCode === null && worker.signalCode === null)
          exits.push(new Promise((resolve) => worker.once('exit', resolve)));
        if (!ENDED.has(job.state)) cancel(job.id);
      }
      await Promise.all(exits);
    },
  };
}
