import {
  loadSession,
  VOICE_PICKER_MODEL_PATH,
  type LoadedSession,
  type ModelRuntimeConfig,
} from '../../models/modelRuntime';
import type { Semaphore } from '../../models/modelSemaphore';
import type { SalienceMatrix } from '../salienceTracker';
import { pickerShape, takeReference, VOICE_PICKER_PLANES, voicePickerFeatures } from './voicePickerFeatures';

// Pooled frames each side that one output frame depends on (the model's time receptive field), and pooled
// frames per run (so a 15-minute take never holds more than one chunk of activations).
const MARGIN = 16;
const CHUNK = 1000;

export interface VoicePosteriors {
  /** Pooled frames (see TIME_POOL). */
  frames: number;
  /** Pooled grid bins (see BIN_POOL); class `bins` is "no singing". */
  bins: number;
  /** Log-probabilities, frames x (bins + 1), row-major. */
  logProb: Float32Array;
}

export class VoicePickerModel {
  private constructor(private readonly loaded: LoadedSession) {}

  static async load(config: ModelRuntimeConfig, path = VOICE_PICKER_MODEL_PATH): Promise<VoicePickerModel> {
    return new VoicePickerModel(await loadSession(path, config));
  }

  get fallbackMessage(): string | null {
    return this.loaded.fallbackMessage;
  }

  /** Per frame, how likely each grid bin is the singer's pitch; the take runs in chunks, one semaphore job. */
  async posteriors(matrix: SalienceMatrix, semaphore: Semaphore): Promise<VoicePosteriors> {
    const { frames, bins } = pickerShape(matrix);
    const classes = bins + 1;
    const logProb = new Float32Array(frames * classes);
    const reference = takeReference(matrix.frameMax);
    const { ort, session } = this.loaded;
    await semaphore.run(async () => {
      for (let start = 0; start < frames; start += CHUNK) {
        const end = Math.min(frames, start + CHUNK);
        const from = Math.max(0, start - MARGIN);
        const to = Math.min(frames, end + MARGIN);
        const features = voicePickerFeatures(matrix, reference, from, to);
        const input = new ort.Tensor('float32', features, [1, VOICE_PICKER_PLANES, to - from, bins]);
        const out = await session.run({ features: input });
        const logits = out.logits!.data as Float32Array;
        for (let t = start; t < end; t++) {
          const row = (t - from) * classes;
          let max = -Infinity;
          for (let c = 0; c < classes; c++) max = Math.max(max, logits[row + c]!);
          let sum = 0;
          for (let c = 0; c < classes; c++) sum += Math.exp(logits[row + c]! - max);
          const norm = max + Math.log(sum);
          const outRow = t * classes;
          for (let c = 0; c < classes; c++) logProb[outRow + c] = logits[row + c]! - norm;
        }
      }
    });
    return { frames, bins, logProb };
  }
}
