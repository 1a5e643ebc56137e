import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../shared/engine/src/analysis/analyzeTake';
import type { RecordingCondition } from '../shared/engine/src/corpus/recordingConditions';
import { generateCorpus } from '../shared/engine/src/corpus/sungCorpus';
import { encodeWav } from '../shared/engine/src/decode/wavWriter';

// Analysis speed and memory on a long take, decode included:
//   taskset -c 0 npx tsx bench/pitchSpeed.bench.ts [--seconds 180] [--condition backing+6dB]
// (taskset pins the process to one core; /usr/bin/time -v adds the kernel's peak RSS.)

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(flag('--seconds') ?? 180);
const condition = (flag('--condition') ?? 'backing+6dB') as RecordingCondition;

const take = generateCorpus({ takesPerVoice: 1, durationSec: seconds, conditions: [condition] }).next()
  .value!;
const dir = await mkdtemp(join(tmpdir(), 'orak-speed-'));
const path = join(dir, `take-${seconds}s.wav`);
await writeFile(path, encodeWav(take.samples, take.sampleRate));

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const baseline = process.memoryUsage().rss;
const runs: number[] = [];
const cpuRuns: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await analyzeFile(path);
  runs.push((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpuStart);
  cpuRuns.push((cpu.user + cpu.system) / 1e6);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (run === 0)
    console.log(
      `take: ${seconds} s ${condition}, range ${result.analysis.range.lowest.note}-${result.analysis.range.highest.note} (truth ${take.truthRange.lowest}-${take.truthRange.highest} MIDI)`,
    );
}
clearInterval(sampler);
await rm(dir, { recursive: true, force: true });
const best = Math.min(...runs);
const bestCpu = Math.min(...cpuRuns);
console.log(
  `analysis (decode + pitch + notes + timbre): wall ${runs.map((r) => r.toFixed(2)).join(' / ')} s per run, best ${(seconds / best).toFixed(0)}x real time`,
);
// CPU time is the honest single-core figure when other processes share the machine.
console.log(
  `CPU time: ${cpuRuns.map((r) => r.toFixed(2)).join(' / ')} s per run, best ${(seconds / bestCpu).toFixed(0)}x real time per core`,
);
console.log(
  `memory: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (before analysis ${(baseline / 2 ** 20).toFixed(0)} MiB)`,
);
