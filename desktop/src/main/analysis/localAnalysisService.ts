import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AnalysisJob, AnalysisStage, SingerVoice, TakeAnalysis, TessituraWindow } from '@orak/core';
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
  /** A worker still running after this long is killed and its job failed: a hung worker never keeps its slot. */
  jobTimeoutMs?: number;
  /** Ended jobs are forgotten this long after they end (the renderer reads the end within a poll). */
  endedJobTtlMs?: number;
  now?: () => Date;
}

export interface StartOptions {
  /** Where the singer sang comfortably (a range test's steps); absent: the take's earlier windows, if any. */
  tessituraWindows?: readonly TessituraWindow[];
  /** The singer's declared voice (Settings), which splits voice types that share a range. */
  singerVoice?: SingerVoice | null;
}

export interface LocalAnalysisService {
  /** Queues a take, or returns the job already queued or running for it. */
  start(takeId: string, options?: StartOptions): AnalysisJob;
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
  /** Settled when the job runs: the ones asked for, else those of the take's earlier analysis. */
  tessituraWindows: TessituraWindow[] | undefined;
  singerVoice: SingerVoice | null;
  error: AnalysisFailure | null;
  worker: ChildProcess | null;
  watchdog: ReturnType<typeof setTimeout> | null;
  endedAt: number | null;
  waiters: ((job: AnalysisJob) => void)[];
}

const ENDED = new Set<AnalysisJob['state']>(['done', 'failed', 'cancelled']);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createLocalAnalysisService(options: LocalAnalysisOptions): LocalAnalysisService {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const top = options.recommendations ?? 20;
  const launch = options.launchWorker ?? launchAnalysisWorker;
  const now = options.now ?? (() => new Date());
  const jobTimeoutMs = options.jobTimeoutMs ?? 10 * 60_000;
  const endedJobTtlMs = options.endedJobTtlMs ?? 5 * 60_000;
  const jobs = new Map<string, Job>();
  const queue: Job[] = [];
  /** Worker processes not yet exited, whatever their job's state: close() waits for each. */
  const live = new Set<ChildProcess>();
  let running = 0;

  function forgetEnded(): void {
    const before = Date.now() - endedJobTtlMs;
    for (const [id, job] of jobs) if (job.endedAt !== null && job.endedAt <= before) jobs.delete(id);
  }

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
    job.endedAt = Date.now();
    if (job.watchdog) clearTimeout(job.watchdog);
    job.watchdog = null;
    // A worker that reported failure (or hung) is not left running: its slot comes back when it exits.
    const worker = job.worker;
    if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    job.worker = null;
    for (const resolve of job.waiters.splice(0)) resolve(view(job));
  }

  async function store(
    job: Job,
    report: {
      analysis: TakeAnalysis['result'];
      recommendations: TakeAnalysis['recommendations'];
      recommendationsUnavailable: string | null;
    },
  ) {
    const analysis: TakeAnalysis = {
      source: 'local',
      analyzedAt: now().toISOString(),
      result: report.analysis,
      recommendations: report.recommendations,
      recommendationsUnavailable: report.recommendationsUnavailable,
    };
    if (job.tessituraWindows) analysis.tessituraWindows = job.tessituraWindows;
    // Asked when the write applies, not now: a cancel while earlier library writes drain still wins.
    await options.library().updateTake(
      job.takeId,
      {
        analysis,
        range: { lowMidi: report.analysis.range.lowest.midi, highMidi: report.analysis.range.highest.midi },
      },
      { onlyIf: () => job.state === 'running' },
    );
  }

  function run(job: Job): void {
    const library = options.library();
    const takesDir = library.takesDir;
    const take = library.getTake(job.takeId);
    if (!take) return end(job, 'failed', describeFailure('not-found', 'the take was deleted'));
    // A re-analysis (from the Library) keeps a range test's comfortable steps, not the whole take's slides.
    job.tessituraWindows ??= take.analysis?.tessituraWindows;
    // The slot is held until the worker process is gone, not just until its verdict: never more alive at once.
    let worker: ChildProcess;
    try {
      worker = launch();
    } catch (error) {
      // Nothing started, so no slot is taken.
      return end(job, 'failed', describeFailure('worker-crashed', messageOf(error)));
    }
    job.state = 'running';
    running++;
    job.stage = 'decode';
    job.stageStartedAt = Date.now();
    job.worker = worker;
    live.add(worker);
    job.watchdog = setTimeout(
      () =>
        end(
          job,
          'failed',
          describeFailure('worker-crashed', `no result after ${Math.round(jobTimeoutMs / 1000)} s: stopped`),
        ),
      jobTimeoutMs,
    );
    let released = false;
    const release = () => {
      live.delete(worker);
      if (released) return;
      released = true;
      running--;
      pump();
    };
    worker.once('exit', release);
    worker.once('error', () => {
      // An error event without a process (a failed spawn) never brings an exit.
      if (worker.pid === undefined) release();
    });
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
      } else if (report.type === 'done') {
        outcome = 'storing';
        // The worker has answered: the library write that follows is not the worker hanging.
        if (job.watchdog) clearTimeout(job.watchdog);
        store(job, report).then(
          () => end(job, 'done'),
          (error: unknown) => end(job, 'failed', describeFailure('internal', messageOf(error))),
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
      file: join(takesDir, take.fileName),
      top,
      userCatalogueFile: options.userCatalogueFile ?? null,
    };
    if (job.tessituraWindows) message.tessituraWindows = job.tessituraWindows;
    if (job.singerVoice) message.singerVoice = job.singerVoice;
    worker.send(message);
  }

  /** Runs from worker exit handlers too: nothing it does may throw out of them into the main process. */
  function pump(): void {
    while (running < concurrency && queue.length > 0) {
      const job = queue.shift()!;
      try {
        run(job);
      } catch (error) {
        end(job, 'failed', describeFailure('internal', messageOf(error)));
      }
    }
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
    start(takeId, startOptions = {}) {
      forgetEnded();
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
        tessituraWindows: startOptions.tessituraWindows?.map((w) => ({ ...w })),
        singerVoice: startOptions.singerVoice ?? null,
        error: null,
        worker: null,
        watchdog: null,
        endedAt: null,
        waiters: [],
      };
      jobs.set(job.id, job);
      queue.push(job);
      pump();
      return view(job);
    },
    status: (jobId) => {
      forgetEnded();
      return view(find(jobId));
    },
    cancel,
    settled(jobId) {
      const job = find(jobId);
      if (ENDED.has(job.state)) return Promise.resolve(view(job));
      return new Promise((resolve) => job.waiters.push(resolve));
    },
    async close() {
      const exits = [...live]
        .filter((worker) => worker.exitCode === null && worker.signalCode === null)
        .map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
      for (const job of jobs.values()) if (!ENDED.has(job.state)) cancel(job.id);
      for (const worker of live)
        if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      await Promise.all(exits);
    },
  };
}
