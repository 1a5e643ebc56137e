import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL_RUNTIME,
  loadSession,
  modelRuntimeConfigFromEnv,
  sileroModelPath,
} from '../src/models/modelRuntime';
import { Semaphore } from '../src/models/modelSemaphore';
import { SileroVad } from '../src/models/sileroVad';
import { heldNote } from './support/knownMelody';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Semaphore', () => {
  it('never lets more than its permits run at once, and runs everything', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        semaphore.run(async () => {
          running++;
          most = Math.max(most, running);
          await sleep(5 + (i % 3) * 3);
          running--;
          finished.push(i);
        }),
      ),
    );
    expect(most).toBe(2);
    expect(semaphore.peak).toBe(2);
    expect(finished.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('releases the permit when a task throws', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('model failed')))).rejects.toThrow(
      'model failed',
    );
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a non-positive permit count', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe('model runtime', () => {
  it('reads the provider and permits from the environment', () => {
    expect(
      modelRuntimeConfigFromEnv({ ORAK_EXECUTION_PROVIDER: 'cuda', ORAK_MODEL_PERMITS: '3' }),
    ).toMatchObject({ executionProvider: 'cuda', permits: 3 });
    expect(modelRuntimeConfigFromEnv({})).toMatchObject({ executionProvider: 'cpu', permits: 2 });
  });

  it('falls back to CPU with a clear message when CUDA is requested but unavailable', async () => {
    const loaded = await loadSession(sileroModelPath(), {
      ...DEFAULT_MODEL_RUNTIME,
      executionProvider: 'cuda',
    });
    if (loaded.provider === 'cuda') {
      expect(loaded.fallbackMessage).toBeNull();
    } else {
      expect(loaded.fallbackMessage).toMatch(/CUDA execution provider unavailable.*on CPU/);
    }
  });

  it('runs Silero VAD from the npm package under the semaphore: voice scores above silence', async () => {
    const vad = await SileroVad.load(DEFAULT_MODEL_RUNTIME);
    const semaphore = new Semaphore(1);
    const voice = heldNote(50, 2, 16000).samples;
    const silence = new Float32Array(32000);
    const [sung, quiet] = await Promise.all([vad.detect(voice, semaphore), vad.detect(silence, semaphore)]);
    expect(semaphore.peak).toBe(1);
    expect(sung.probabilities.length).toBe(62);
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(sung.probabilities)).toBeGreaterThan(mean(quiet.probabilities) + 0.3);
  });
});
