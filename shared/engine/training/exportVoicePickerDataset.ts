import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONDITIONS, type RecordingCondition } from '../src/corpus/recordingConditions';
import { generateCorpus } from '../src/corpus/sungCorpus';
import { computeSalience } from '../src/pitch/salienceTracker';
import {
  pickerShape,
  TIME_POOL,
  VOICE_PICKER_PLANES,
  voicePickerFeatures,
  voicePickerLabel,
} from '../src/pitch/voicePicker/voicePickerFeatures';

// Usage: tsx shared/engine/training/exportVoicePickerDataset.ts <dir> --seed N --takes N --conditions a,b
// Writes <id>.x.u8 (planes x pooled frames x pooled bins, quantised to 0..255 over 0..1.5), <id>.y.i16
// (class per pooled frame, from the first frame it pools)
// and appends to index.jsonl. Evaluation uses seeds 2026 and 7: train on others (a seed names its takes).

const QUANT_TOP = 1.5;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args[0];
const seed = Number(flag('--seed'));
if (!dir || dir.startsWith('--') || !Number.isInteger(seed)) {
  console.error(
    'usage: exportVoicePickerDataset.ts <dir> --seed N [--takes N] [--seconds S] [--conditions a,b]',
  );
  process.exit(2);
}
if (seed === 2026 || seed === 7) {
  console.error(`seed ${seed} is an evaluation seed: train on another`);
  process.exit(2);
}
const conditions = (flag('--conditions')?.split(',') ?? [...CONDITIONS]) as RecordingCondition[];
const unknown = conditions.filter((c) => !(CONDITIONS as readonly string[]).includes(c));
if (unknown.length > 0) {
  console.error(`unknown condition ${unknown.join(', ')}: choose from ${CONDITIONS.join(', ')}`);
  process.exit(2);
}
await mkdir(dir, { recursive: true });
const index: string[] = [];
for (const take of generateCorpus({
  seed,
  takesPerVoice: Number(flag('--takes') ?? 4),
  durationSec: Number(flag('--seconds') ?? 12),
  conditions,
})) {
  const { salience } = computeSalience(take.samples, take.sampleRate);
  const { grid } = salience;
  const { frames, bins } = pickerShape(salience);
  const features = voicePickerFeatures(salience);
  const quantised = new Uint8Array(features.length);
  for (let i = 0; i < features.length; i++)
    quantised[i] = Math.round((Math.min(QUANT_TOP, features[i]!) / QUANT_TOP) * 255);
  const labels = new Int16Array(frames);
  for (let t = 0; t < frames; t++)
    labels[t] = voicePickerLabel(take.truthHz[t * TIME_POOL] ?? 0, grid.minHz, grid.centsPerBin, grid.bins);
  const id = `s${seed}-${take.id}`;
  await writeFile(join(dir, `${id}.x.u8`), quantised);
  await writeFile(join(dir, `${id}.y.i16`), new Uint8Array(labels.buffer));
  index.push(JSON.stringify({ id, condition: take.condition, frames, bins, planes: VOICE_PICKER_PLANES }));
}
await writeFile(join(dir, 'index.jsonl'), index.join('\n') + '\n', { flag: 'a' });
console.error(`wrote ${index.length} takes to ${dir}`);
