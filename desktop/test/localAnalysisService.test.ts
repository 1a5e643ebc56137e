import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopBridgeDispatcher, sineTone, type AnalysisJob, type AppInfo } from '@orak/core';
import {
  createLocalAnalysisService,
  type LocalAnalysisService,
} from '../src/main/analysis/localAnalysisService';
import { launchAnalysisWorker, workerEnv } from '../src/main/analysis/analysisWorkerLauncher';
import { createAnalysisHandlers } from '../src/main/bridge/analysisHandlers';
import { createMainServices, type MainServices } from '../src/main/mainServices';
import { openLibrary, type LibraryService } from '../src/main/library/libraryService';
import { doneReport, FakeWorker } from './support/fakeWorker';
import { glide, glideVoice, hold, RANGE_TEST_PERFORMANCE, rest } from './support/glideVoice';
import { addBogusTake, addWavTake } from './support/takeFiles';

// The local analysis service over a real library in a temp folder, real WAV takes and real worker processes.

const RATE = 44_100;

let dataDir: string;
let services: MainServices;
let library: LibraryService;
const extraServices: LocalAnalysisService[] = [];

const info = (): AppInfo => ({
  name: 'Orakgarak',
  version: 'test',
  platform: 'linux',
  host: 'browser',
  dataDir,
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'orak-analysis-'));
  services = await createMainServices(dataDir, info);
  library = services.library.require();
});

afterEach(async () => {
  await services.analysis.close();
  for (const service of extraServices.splice(0)) await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Polls like the renderer does, keeping every distinct state seen. */
async function pollUntilEnded(service: LocalAnalysisService, jobId: string): Promise<AnalysisJob[]> {
  const seen: AnalysisJob[] = [];
  for (;;) {
    const job = service.status(jobId);
    const last = seen.at(-1);
    if (!last || last.stage !== job.stage || last.state !== job.state || last.fraction !== job.fraction)
      seen.push(job);
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('local analysis service', () => {
  it('analyses a sung range test in a worker, reporting stages, and stores range, voice and songs in the take', async () => {
    const take = await addWavTake(
      library,
      glideVoice(RANGE_TEST_PERFORMANCE.contour, RATE),
      RATE,
      'Range test',
    );
    const dispatch = createDesktopBridgeDispatcher(services.handlers);
    const started = await dispatch({ method: 'analysis.start', payload: { takeId: take.id } });
    expect(started.ok).toBe(true);
    const job = (started as { payload: AnalysisJob }).payload;
    const seen = await pollUntilEnded(services.analysis, job.jobId);
    const final = seen.at(-1)!;
    expect(final.error).toBeNull();
    expect(final).toMatchObject({ state: 'done', fraction: 1 });
    const stages = [...new Set(seen.map((s) => s.stage))];
    expect(stages).toEqual(expect.arrayContaining(['decode', 'pitch', 'analysis', 'recommend']));
    const fractions = seen.map((s) => s.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    const stored = library.getTake(take.id)!;
    expect(stored.analysis?.source).toBe('local');
    const result = stored.analysis!.result;
    expect(Math.abs(result.range.lowest.midi - RANGE_TEST_PERFORMANCE.lowest)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.range.highest.midi - RANGE_TEST_PERFORMANCE.highest)).toBeLessThanOrEqual(1);
    expect(stored.range).toEqual({ lowMidi: result.range.lowest.midi, highMidi: result.range.highest.midi });
    expect(['baritone', 'bass', 'tenor']).toContain(result.voiceType.label);
    expect(stored.analysis!.recommendations.length).toBeGreaterThan(5);
    for (const song of stored.analysis!.recommendations)
      expect(Math.abs(song.keyShift)).toBeLessThanOrEqual(6);

    // The singer overall, and recommendations through the bridge for this take with a filter.
    const singer = await dispatch({ method: 'analysis.singer', payload: {} });
    expect(singer).toMatchObject({ ok: true, payload: { takeCount: 1, range: result.range } });
    const korean = await dispatch({
      method: 'recommend.songs',
      payload: { subject: { takeId: take.id }, top: 5, filters: { languages: ['ko'] } },
    });
    expect(korean.ok).toBe(true);
    const songs = (korean as { payload: { recommendations: { songId: string }[] } }).payload.recommendations;
    expect(songs.length).toBeGreaterThan(0);
  });

  it.each([
    ['not-audio', (lib: LibraryService) => addBogusTake(lib, 'Notes', 'these are lyrics, not audio')],
    ['too-short', (lib: LibraryService) => addWavTake(lib, glideVoice([hold(57, 0.5)], RATE), RATE, 'Short')],
    ['silent', (lib: LibraryService) => addWavTake(lib, new Float32Array(RATE * 2), RATE, 'Silence')],
    [
      'no-singing',
      (lib: LibraryService) =>
        addWavTake(
          lib,
          glideVoice([glide(45, 70, 0.4), rest(0.6), glide(70, 45, 0.4), rest(0.6)], RATE),
          RATE,
          'Swoops',
        ),
    ],
  ] as const)('refuses a take that is %s with that code and a plain message', async (code, addTake) => {
    const take = await addTake(library);
    const job = services.analysis.start(take.id);
    const final = await services.analysis.settled(job.jobId);
    expect(final.state).toBe('failed');
    expect(final.error?.code).toBe(code);
    expect(final.error?.message).toMatch(/^[A-Z].*\./);
    expect(library.getTake(take.id)!.analysis).toBeNull();
  });

  it('cancels a running analysis: the worker is killed and the take keeps no analysis', async () => {
    const take = await addWavTake(library, sineTone(220, 120, RATE, 0.3), RATE, 'Long');
    const job = services.analysis.start(take.id);
    await expect.poll(() => services.analysis.status(job.jobId).stage, { timeout: 20_000 }).toBe('pitch');
    const cancelled = services.analysis.cancel(job.jobId);
    expect(cancelled.state).toBe('cancelled');
    expect((await services.analysis.settled(job.jobId)).state).toBe('cancelled');
    expect(library.getTake(take.id)!.analysis).toBeNull();
  });

  it('runs at most `concurrency` workers at once; the rest wait queued in order', async () => {
    let live = 0;
    let most = 0;
    const service = createLocalAnalysisService({
      library: () => library,
      concurrency: 1,
      userCatalogueFile: null,
      launchWorker: () => {
        const worker = launchAnalysisWorker();
        live++;
        most = Math.max(most, live);
        worker.once('exit', () => live--);
        return worker;
      },
    });
    extraServices.push(service);
    const voice = glideVoice([hold(55, 1.2), hold(57, 1.2)], RATE);
    const takes = await Promise.all([1, 2, 3].map((n) => addWavTake(library, voice, RATE, `Take ${n}`)));
    const jobs = takes.map((take) => service.start(take.id));
    expect(jobs.map((j) => j.state)).toEqual(['running', 'queued', 'queued']);
    // Starting a take already queued returns its job instead of queueing it twice.
    expect(service.start(takes[2]!.id).jobId).toBe(jobs[2]!.jobId);
    const finals = await Promise.all(jobs.map((j) => service.settled(j.jobId)));
    expect(finals.map((j) => j.state)).toEqual(['done', 'done', 'done']);
    expect(most).toBe(1);
  });

  it('reports a worker that dies without a verdict as crashed, and carries on with the next job', async () => {
    let launches = 0;
    const service = createLocalAnalysisService({
      library: () => library,
      concurrency: 1,
      userCatalogueFile: null,
      launchWorker: () =>
        ++launches === 1
          ? spawn(process.execPath, ['-e', 'process.exit(3)'], {
              stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
            })
          : launchAnalysisWorker(),
    });
    extraServices.push(service);
    const voice = glideVoice([hold(55, 1.2), hold(57, 1.2)], RATE);
    const first = await addWavTake(library, voice, RATE, 'First');
    const second = await addWavTake(library, voice, RATE, 'Second');
    const crashed = service.start(first.id);
    const next = service.start(second.id);
    expect(await service.settled(crashed.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'worker-crashed' },
    });
    expect((await service.settled(next.jobId)).state).toBe('done');
  });
});

describe('local analysis service: workers never leak', () => {
  /** A service over fake workers; each launch hands the test the next one. */
  function withFakes(extra: Partial<Parameters<typeof createLocalAnalysisService>[0]> = {}) {
    const workers: FakeWorker[] = [];
    const service = createLocalAnalysisService({
      library: () => library,
      concurrency: 1,
      userCatalogueFile: null,
      launchWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker.process;
      },
      ...extra,
    });
    extraServices.push(service);
    return { service, workers };
  }
  const someTake = (title: string) => addWavTake(library, new Float32Array(RATE), RATE, title);

  it('kills a worker that hangs past the job timeout, fails the job clearly and frees its slot', async () => {
    const { service, workers } = withFakes({ jobTimeoutMs: 300 });
    const hung = service.start((await someTake('Hung')).id);
    const next = service.start((await someTake('Next')).id);
    const failed = await service.settled(hung.jobId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'worker-crashed' } });
    expect(failed.error!.message).toMatch(/no result after/);
    expect(workers[0]!.killedWith).toBe('SIGKILL');
    await expect.poll(() => workers.length).toBe(2);
    workers[1]!.report(doneReport());
    expect((await service.settled(next.jobId)).state).toBe('done');
  });

  it('fails a job whose worker cannot be started, without losing the slot', async () => {
    let launches = 0;
    const { service } = withFakes({
      launchWorker: () => {
        if (++launches === 1) throw new Error('spawn EAGAIN');
        const worker = new FakeWorker();
        worker.report(doneReport());
        return worker.process;
      },
    });
    const first = service.start((await someTake('First')).id);
    const second = service.start((await someTake('Second')).id);
    expect(await service.settled(first.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'worker-crashed' },
    });
    expect((await service.settled(second.jobId)).state).toBe('done');
  });

  it('kills a worker that reported failure, and a library that throws while the next job starts fails that job', async () => {
    let libraryGone = false;
    const { service, workers } = withFakes({
      library: () => {
        if (libraryGone) throw new Error('the library is not open');
        return library;
      },
    });
    const first = service.start((await someTake('First')).id);
    const second = service.start((await someTake('Second')).id);
    libraryGone = true;
    workers[0]!.report({ type: 'failed', code: 'silent', message: 'The take is silent.' });
    expect((await service.settled(first.jobId)).state).toBe('failed');
    expect(workers[0]!.killedWith).toBe('SIGKILL');
    expect(await service.settled(second.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'internal', message: expect.stringMatching(/library is not open/) },
    });
  });

  it('a cancel while the result waits to be written leaves the take without it', async () => {
    let release: () => void = () => undefined;
    let hold = false;
    const slow = await openLibrary({
      dir: join(dataDir, 'slow'),
      writeText: async (path, text) => {
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        await writeFile(path, text);
      },
    });
    const take = await addWavTake(slow, new Float32Array(RATE), RATE, 'Slow');
    const other = await addWavTake(slow, new Float32Array(RATE), RATE, 'Other');
    const { service, workers } = withFakes({ library: () => slow });
    const job = service.start(take.id);
    hold = true;
    const blocking = slow.updateTake(other.id, { notes: 'a write ahead of the result' });
    workers[0]!.report(doneReport());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.cancel(job.jobId).state).toBe('cancelled');
    hold = false;
    release();
    await blocking;
    await slow.updateTake(other.id, { notes: 'after' });
    expect(slow.getTake(take.id)!.analysis).toBeNull();
  });

  it("sends a range test's comfortable windows to the worker, stores them, and a re-analysis keeps them", async () => {
    const { service, workers } = withFakes();
    const take = await someTake('Range test');
    const windows = [
      { startSec: 0, endSec: 5 },
      { startSec: 25, endSec: 33 },
    ];
    const dispatch = createDesktopBridgeDispatcher({
      ...services.handlers,
      ...createAnalysisHandlers(service, services.library, services.settings),
    });
    const refused = await dispatch({
      method: 'analysis.start',
      payload: { takeId: take.id, tessituraWindows: [{ startSec: 5, endSec: 2 }] },
    });
    expect(refused.ok).toBe(false);
    const started = await dispatch({
      method: 'analysis.start',
      payload: { takeId: take.id, tessituraWindows: windows },
    });
    const first = (started as { payload: AnalysisJob }).payload;
    expect(workers[0]!.sent[0]).toMatchObject({ type: 'analyse', tessituraWindows: windows });
    workers[0]!.report(doneReport());
    expect((await service.settled(first.jobId)).state).toBe('done');
    expect(library.getTake(take.id)!.analysis!.tessituraWindows).toEqual(windows);
    // Analysed again from the Library, which knows nothing of the steps: the same windows go with it.
    const again = service.start(take.id);
    await expect.poll(() => workers.length).toBe(2);
    expect(workers[1]!.sent[0]).toMatchObject({ tessituraWindows: windows });
    workers[1]!.report(doneReport());
    expect((await service.settled(again.jobId)).state).toBe('done');
    expect(library.getTake(take.id)!.analysis!.tessituraWindows).toEqual(windows);
    // An ordinary take sends none.
    service.start((await someTake('Song')).id);
    await expect.poll(() => workers.length).toBe(3);
    expect(workers[2]!.sent[0]).not.toHaveProperty('tessituraWindows');
  });

  it('sends the voice the singer declared in Settings with each job, and none while it is not set', async () => {
    const { service, workers } = withFakes();
    const dispatch = createDesktopBridgeDispatcher({
      ...services.handlers,
      ...createAnalysisHandlers(service, services.library, services.settings),
    });
    await services.settings.update({ singerVoice: 'female' });
    const first = await dispatch({
      method: 'analysis.start',
      payload: { takeId: (await someTake('Alto')).id },
    });
    expect(first.ok).toBe(true);
    await expect.poll(() => workers.length).toBe(1);
    expect(workers[0]!.sent[0]).toMatchObject({ type: 'analyse', singerVoice: 'female' });
    workers[0]!.report(doneReport());
    await service.settled((first as { payload: AnalysisJob }).payload.jobId);
    await services.settings.update({ singerVoice: null });
    await dispatch({ method: 'analysis.start', payload: { takeId: (await someTake('Song')).id } });
    await expect.poll(() => workers.length).toBe(2);
    expect(workers[1]!.sent[0]).not.toHaveProperty('singerVoice');
  });

  it('forgets ended jobs after a while', async () => {
    const { service, workers } = withFakes({ endedJobTtlMs: 0 });
    const job = service.start((await someTake('Once')).id);
    workers[0]!.report(doneReport());
    expect((await service.settled(job.jobId)).state).toBe('done');
    service.start((await someTake('Later')).id);
    expect(() => service.status(job.jobId)).toThrow(/no analysis job/);
  });

  it('stores the analysis when the song catalogue is corrupt, saying why there are no songs', async () => {
    const corrupt = join(dataDir, 'corrupt-catalogue.json');
    await writeFile(corrupt, '{"songs": [');
    const service = createLocalAnalysisService({ library: () => library, userCatalogueFile: corrupt });
    extraServices.push(service);
    const take = await addWavTake(library, glideVoice([hold(55, 1.2), hold(57, 1.2)], RATE), RATE, 'Sung');
    const final = await service.settled(service.start(take.id).jobId);
    expect(final.error).toBeNull();
    const stored = library.getTake(take.id)!.analysis!;
    expect(stored.recommendations).toEqual([]);
    expect(stored.recommendationsUnavailable).toMatch(/corrupt|JSON/);
  });

  it('passes workers an allow-listed environment only', () => {
    const env = workerEnv({
      PATH: '/bin',
      HOME: '/home/singer',
      API_TOKEN: 'secret',
      NODE_OPTIONS: '--require x',
    });
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/singer', ELECTRON_RUN_AS_NODE: '1' });
  });
});
