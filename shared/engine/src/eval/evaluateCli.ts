import { VOICE_TYPE_RANGES } from '@orak/core';
import { CONDITIONS, type RecordingCondition } from '../corpus/recordingConditions';
import { generateCorpus } from '../corpus/sungCorpus';
import { DEFAULT_MODEL_RUNTIME } from '../models/modelRuntime';
import { addScores, emptyScores, summarise } from './pitchMetrics';
import { evaluateTake, type TakeResult } from './takeEvaluation';

// Usage: tsx shared/engine/src/eval/evaluateCli.ts [--takes N] [--seconds S] [--seed N] [--conditions a,b] [--vad silero|off]
//   [--picker backing|always|off] [--declared-voice] [--verbose]

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const takesPerVoice = Number(flag(args, '--takes') ?? 3);
const durationSec = Number(flag(args, '--seconds') ?? 12);
const seed = Number(flag(args, '--seed') ?? 2026);
const vad = flag(args, '--vad') === 'silero' ? 'silero' : 'off';
const picker = flag(args, '--picker') ?? 'always';
if (picker !== 'backing' && picker !== 'always' && picker !== 'off') {
  console.error(`unknown --picker ${picker}: choose backing, always or off`);
  process.exit(2);
}
const conditions = (flag(args, '--conditions')?.split(',') ?? [...CONDITIONS]) as RecordingCondition[];
const unknown = conditions.filter((c) => !(CONDITIONS as readonly string[]).includes(c));
if (unknown.length > 0) {
  console.error(`unknown condition ${unknown.join(', ')}: choose from ${CONDITIONS.join(', ')}`);
  process.exit(2);
}
const verbose = args.includes('--verbose');
// As if each singer had said in Settings whether their voice is male or female.
const declaredVoice = args.includes('--declared-voice');

const results: TakeResult[] = [];
for (const take of generateCorpus({ takesPerVoice, durationSec, seed, conditions })) {
  const singerVoice = declaredVoice ? VOICE_TYPE_RANGES.find((v) => v.label === take.voiceType)!.sex : null;
  const result = await evaluateTake(take, {
    vad,
    voicePicker: picker,
    singerVoice,
    runtime: DEFAULT_MODEL_RUNTIME,
  });
  results.push(result);
  if (verbose) {
    const s = summarise(result.scores);
    console.log(
      `${take.id.padEnd(28)} RPA ${s.rawPitch.toFixed(3)} range ${result.lowestError ?? '-'}/${result.highestError ?? '-'} ${result.voiceTypeCorrect ? '' : 'voice-type-miss'}`,
    );
  }
}

const pad = (s: string, n: number): string => s.padEnd(n);
const num = (v: number): string => v.toFixed(3).padStart(7);
console.log(
  `corpus: ${takesPerVoice} takes x 7 voice types x ${conditions.length} conditions, ${durationSec} s each, seed ${seed}, vad ${vad}, voice picker ${picker}${declaredVoice ? ', declared voice' : ''}`,
);
console.log(
  `${pad('condition', 12)} takes  RPA     RCA     VxR     VxFA    rangeErr  range<=1st  voiceType  xRT`,
);
for (const condition of conditions) {
  const rows = results.filter((r) => r.condition === condition);
  const s = summarise(rows.reduce((acc, r) => addScores(acc, r.scores), emptyScores()));
  const errors = rows.map((r) => r.rangeError ?? 99);
  const meanError = errors.reduce((a, b) => a + b, 0) / errors.length;
  const within = errors.filter((e) => e <= 1).length / errors.length;
  const voiceType = rows.filter((r) => r.voiceTypeCorrect).length / rows.length;
  const speed = rows.reduce((a, r) => a + r.audioSec, 0) / rows.reduce((a, r) => a + r.seconds, 0);
  console.log(
    `${pad(condition, 12)} ${String(rows.length).padStart(5)} ${num(s.rawPitch)} ${num(s.rawChroma)} ${num(s.voicingRecall)} ${num(s.voicingFalseAlarm)} ${meanError.toFixed(2).padStart(9)} ${num(within)}     ${num(voiceType)}  ${speed.toFixed(0).padStart(4)}`,
  );
}
const all = results.map((r) => r.rangeError ?? 99);
console.log(
  `all takes: range within one semitone ${(all.filter((e) => e <= 1).length / all.length).toFixed(3)} (${all.length} takes)`,
);
