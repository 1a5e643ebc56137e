import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../src/corpus/sungCorpus';
import { computeSalience } from '../src/pitch/salienceTracker';
import { pickerShape, voicePickerFeatures } from '../src/pitch/voicePicker/voicePickerFeatures';
import { VoicePickerModel } from '../src/pitch/voicePicker/voicePickerModel';
import { Semaphore } from '../src/models/modelSemaphore';
import { DEFAULT_MODEL_RUNTIME } from '../src/models/modelRuntime';
// Usage: npx tsx shared/engine/training/exportBackendCheck.ts <dir> [checkpoint.pt]
// Writes one 0 dB backing take's picker input and this machine's onnxruntime (CPU) log-probabilities to
// <dir>, for checkBackendAgreement.py to recompute on another backend (CUDA) and compare.
const dir = process.argv[2] ?? '.vpcheck';
mkdirSync(dir, { recursive: true });
if (process.argv[3]) copyFileSync(process.argv[3], join(dir, 'checkpoint.pt'));
const take = generateCorpus({
  seed: 401,
  takesPerVoice: 1,
  durationSec: 20,
  conditions: ['backing0dB'],
}).next().value!;
const stage = computeSalience(take.samples, take.sampleRate);
const shape = pickerShape(stage.salience);
writeFileSync(join(dir, 'features.f32'), Buffer.from(voicePickerFeatures(stage.salience).buffer));
const post = await VoicePickerModel.load(DEFAULT_MODEL_RUNTIME).then((m) =>
  m.posteriors(stage.salience, new Semaphore(1), 1_000_000),
);
writeFileSync(join(dir, 'ort_cpu_logprob.f32'), Buffer.from(post.logProb.buffer));
writeFileSync(join(dir, 'shape.json'), JSON.stringify({ frames: shape.frames, bins: shape.bins }));
console.log(shape);
