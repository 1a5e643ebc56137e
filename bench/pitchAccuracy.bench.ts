import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSamples } from '../shared/engine/src/analysis/analyzeTake';
import { CONDITIONS, type RecordingCondition } from '../shared/engine/src/corpus/recordingConditions';
import { generateCorpus } from '../shared/engine/src/corpus/sungCorpus';
import {
  addScores,
  emptyScores,
  scoreFrames,
  summarise,
  type FrameScores,
} from '../shared/engine/src/eval/pitchMetrics';
import { aubioAvailable, aubioTrack } from '../shared/engine/src/eval/peers/aubioPeer';
import { pitchyTrack, type PeerTrack } from '../shared/engine/src/eval/peers/pitchyPeer';

// The engine beside its peers on the same synthetic takes, in the same run:
//   npx tsx bench/pitchAccuracy.bench.ts [--takes N] [--seconds S]
// Prints raw pitch / chroma accuracy and voicing per condition, and speed in x real time.

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const takesPerVoice = flag('--takes', 2);
const durationSec = flag('--seconds', 12);

interface Method {
  name: string;
  run: (samples: Float32Array, sampleRate: number) => Promise<PeerTrack>;
  scores: Map<RecordingCondition, FrameScores>;
  seconds: number;
}

const scratch = join(tmpdir(), `orak-bench-${process.pid}.wav`);
const methods: Method[] = [
  {
    name: 'orak engine',
    run: async (samples, sampleRate) => {
      const result = await analyzeSamples(samples, sampleRate, 'bench').catch(() => null);
      return result
        ? { hz: result.candidateHz, voiced: result.voiced }
        : { hz: new Float32Array(0), voiced: new Uint8Array(0) };
    },
    scores: new Map(),
    seconds: 0,
  },
  { name: 'pitchy (McLeod)', run: async (s, r) => pitchyTrack(s, r), scores: new Map(), seconds: 0 },
];
if (aubioAvailable())
  methods.push({
    name: 'aubio yinfft',
    run: async (s, r) => aubioTrack(s, r, scratch),
    scores: new Map(),
    seconds: 0,
  });

let audioSec = 0;
for (const take of generateCorpus({ takesPerVoice, durationSec })) {
  audioSec += take.samples.length / take.sampleRate;
  for (const method of methods) {
    const started = performance.now();
    const track = await method.run(take.samples, take.sampleRate);
    method.seconds += (performance.now() - started) / 1000;
    method.scores.set(
      take.condition,
      scoreFrames(take.truthHz, track.hz, track.voiced, method.scores.get(take.condition) ?? emptyScores()),
    );
  }
}

const takes = audioSec / durationSec / CONDITIONS.length;
console.log(
  `pitch accuracy: ${takes} takes per condition (${takesPerVoice} per voice type), ${durationSec} s each; RPA/RCA within 50 cents`,
);
console.log(`${'condition'.padEnd(12)} ${methods.map((m) => m.name.padEnd(36)).join(' ')}`);
console.log(`${''.padEnd(12)} ${methods.map(() => 'RPA    RCA    VxR    VxFA'.padEnd(36)).join(' ')}`);
for (const condition of CONDITIONS) {
  const cells = methods.map((m) => {
    const s = summarise(m.scores.get(condition) ?? emptyScores());
    return [s.rawPitch, s.rawChroma, s.voicingRecall, s.voicingFalseAlarm]
      .map((v) => v.toFixed(3))
      .join('  ')
      .padEnd(36);
  });
  console.log(`${condition.padEnd(12)} ${cells.join(' ')}`);
}
const overall = methods.map((m) =>
  summarise([...m.scores.values()].reduce(addScores, emptyScores())).rawPitch.toFixed(3),
);
console.log(`${'all'.padEnd(12)} ${overall.map((v) => `RPA ${v}`.padEnd(36)).join(' ')}`);
const engine = methods[0]!;
for (const m of methods) {
  const speed = audioSec / m.seconds;
  console.log(
    `speed ${m.name.padEnd(16)} ${speed.toFixed(0).padStart(5)}x real time  (${m.seconds.toFixed(1)} s for ${audioSec.toFixed(0)} s of audio; engine/peer ${(audioSec / engine.seconds / speed).toFixed(2)})`,
  );
}
rmSync(scratch, { force: true });
