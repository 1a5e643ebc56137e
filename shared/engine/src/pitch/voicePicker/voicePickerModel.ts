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
export const PICKER_CONTEXT_FRAMES = 16;
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
  async posteriors(
    matrix: SalienceMatrix,
    semaphore: Semaphore,
    chunkFrames = CHUNK,
  ): Promise<VoicePosteriors> {
    const { frames, bins } = pickerShape(matrix);
    const classes = bins + 1;
    const logProb = new Float32Array(frames * classes);
    const reference = takeReference(matrix.frameMax);
    const { ort, session } = this.loaded;
    await semaphore.run(async () => {
      for (let start = 0; start < frames; start += chunkFrames) {
        const end = Math.min(frames, start + chunkFrames);
        const from = Math.max(0, start - PICKER_CONTEXT_FRAMES);
        const to = Math.min(frames, end + PICKER_CONTEXT_FRAMES);
        const features = voicePickerFeatures(matrix, reference, from, to);
        const input = new ort.Tensor('float32', features, [1, VOICE_PICKER_PLANES, to - from, bins]);
        const out = await session.run({ features: input });
        const rows = out.log_probabilities!.data as Float32Array;
        logProb.set(rows.subarray((start - from) * classes, (end - from) * classes), start * classes);
      }
    });
    return { frames, bins, logProb };
  }
}
