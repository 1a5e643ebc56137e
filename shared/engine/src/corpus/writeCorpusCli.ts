import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../decode/wavWriter';
import type { RecordingCondition } from './recordingConditions';
import { generateCorpus } from './sungCorpus';

// Usage: tsx shared/engine/src/corpus/writeCorpusCli.ts <dir> [--takes N] [--seconds S] [--conditions a,b]
// Writes each take as <id>.wav plus <id>.truth.json (f0 per 10 ms, the score and its range).

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args[0];
if (!dir || dir.startsWith('--')) {
  console.error('usage: writeCorpusCli.ts <dir> [--takes N] [--seconds S] [--conditions clean,reverb,...]');
  process.exit(2);
}
await mkdir(dir, { recursive: true });
const conditions = flag('--conditions')?.split(',') as RecordingCondition[] | undefined;
let count = 0;
for (const take of generateCorpus({
  takesPerVoice: Number(flag('--takes') ?? 1),
  durationSec: Number(flag('--seconds') ?? 12),
  ...(conditions ? { conditions } : {}),
})) {
  await writeFile(join(dir, `${take.id}.wav`), encodeWav(take.samples, take.sampleRate));
  const truth = {
    id: take.id,
    voiceType: take.voiceType,
    condition: take.condition,
    range: take.truthRange,
    hopSec: take.hopSec,
    hz: Array.from(take.truthHz, (v) => Math.round(v * 100) / 100),
    notes: take.melody.notes,
  };
  await writeFile(join(dir, `${take.id}.truth.json`), JSON.stringify(truth));
  count++;
}
console.log(`wrote ${count} takes to ${dir}`);
