import { generateCorpus } from '../corpus/sungCorpus';
import { DEFAULT_TRACKER, trackPredominantPitch } from '../pitch/salienceTracker';
import { emptyScores, scoreFrames, summarise, type FrameScores } from './pitchMetrics';

const env = (k: string, d: number): number => Number(process.env[k] ?? d);
const params = { ...DEFAULT_TRACKER, stepCost: env('STEP', DEFAULT_TRACKER.stepCost), jumpCost: env('JUMP', DEFAULT_TRACKER.jumpCost), peakRangeDb: env('RANGE', 40), salience: { ...DEFAULT_TRACKER.salience, alpha: env('ALPHA', 0.8), compression: env('COMP', 0.5), penalty: env('PEN', 0.6), harmonics: env('H', 20) } };
const conds = (process.env.CONDS ?? 'clean,reverb,noise,phone,backing+6dB,backing0dB').split(',') as never;
const per = new Map<string, FrameScores>();
let audioSec = 0;
let trackMs = 0;
for (const take of generateCorpus({ takesPerVoice: Number(process.env.TAKES ?? 1), conditions: conds })) {
  const t0 = performance.now();
  const c = trackPredominantPitch(take.samples, take.sampleRate, params);
  trackMs += performance.now() - t0;
  audioSec += take.samples.length / take.sampleRate;
  const voiced = Array.from(c.harmonicity, (h) => (h > 0.5 ? 1 : 0));
  const s = scoreFrames(take.truthHz, c.hz, voiced, per.get(take.condition) ?? emptyScores());
  per.set(take.condition, s);
  if (process.env.VERBOSE) console.log(take.id, summarise(scoreFrames(take.truthHz, c.hz, voiced)).rawPitch.toFixed(3));
}
for (const [k, s] of per) console.log(k.padEnd(12), Object.entries(summarise(s)).map(([n, v]) => `${n}=${v.toFixed(3)}`).join(' '));
console.log(`x realtime ${(audioSec / (trackMs / 1000)).toFixed(0)}`);
