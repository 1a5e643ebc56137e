import { loadavg } from 'node:os';
import {
  buildRecommendIndex,
  recommend,
  type CatalogueEntry,
  type VoiceProfile,
} from '../shared/core/src/index';
import { recommendNaive } from './recommendNaive';

// Recommendation latency on a 100,000-song catalogue, beside a naive peer in the same run.
// Run: npx tsx bench/recommend.bench.ts [songCount]

const SONGS = Number(process.argv[2] ?? 100_000);
const QUERIES = 120;
const TOP = 10;

let seed = 12345;
function random(): number {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
}

/** Synthetic songs shaped like real ones: a tessitura centre, a span of 7..24 semitones, a peaked histogram. */
function syntheticSong(i: number): CatalogueEntry {
  const centre = 50 + Math.floor(random() * 24);
  const span = 7 + Math.floor(random() * 18);
  const lowest = centre - Math.floor(span / 2);
  const histogram: Record<string, number> = {};
  for (let m = lowest; m <= lowest + span; m++) {
    const distance = Math.abs(m - centre) / (span / 2);
    if (m === lowest || m === lowest + span || random() < 0.85)
      histogram[m] = Math.round((0.2 + 6 * (1 - distance) * random()) * 1000) / 1000 + 0.05;
  }
  return {
    id: `song-${i}`,
    title: `Song ${i}`,
    artist: `Artist ${i % 5000}`,
    language: ['ko', 'en', 'ja', 'es'][i % 4]!,
    tags: i % 3 === 0 ? ['ballad'] : ['pop'],
    difficulty: 1 + (i % 5),
    popularity: random(),
    histogram,
    range: { lowest, highest: lowest + span },
    rangeProvenance: 'notes',
    octaveShift: 0,
    source: { file: `song-${i}.txt`, format: 'ultrastar' },
  };
}

function singer(): VoiceProfile {
  const lowest = 40 + Math.floor(random() * 20);
  const highest = lowest + 14 + Math.floor(random() * 10);
  return { lowest, highest, comfortableLow: lowest + 3, comfortableHigh: highest - 3 };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

const songs = Array.from({ length: SONGS }, (_, i) => syntheticSong(i));
const [index, buildMs] = time(() => buildRecommendIndex(songs));
const singers = Array.from({ length: QUERIES }, singer);

// Warm up both so the JIT has compiled them before timing.
for (const s of singers.slice(0, 30)) {
  recommend(index, s, { top: TOP });
  recommend(index, s, { top: TOP, languages: ['ko'], tags: ['ballad'] });
}
recommendNaive(songs, singers[0]!, TOP);

const fast: number[] = [];
for (const s of singers) fast.push(time(() => recommend(index, s, { top: TOP }))[1]);
const filtered: number[] = [];
for (const s of singers)
  filtered.push(time(() => recommend(index, s, { top: TOP, languages: ['ko'], tags: ['ballad'] }))[1]);
// A long list prunes far less (the 1,000th best fit is a low bar), so this shows the unpruned cost.
const long: number[] = [];
for (const s of singers.slice(0, 20)) long.push(time(() => recommend(index, s, { top: 1000 }))[1]);
const group: number[] = [];
for (let q = 0; q + 2 < singers.length; q += 3)
  group.push(time(() => recommend(index, singers.slice(q, q + 3), { top: TOP }))[1]);
const naive: number[] = [];
let mismatches = 0;
const naiveQueries = singers.slice(0, 8);
for (const s of naiveQueries) {
  const [naiveResult, ms] = time(() => recommendNaive(songs, s, TOP));
  naive.push(ms);
  const fastResult = recommend(index, s, { top: TOP });
  const same = fastResult.every(
    (r, k) =>
      r.songId === naiveResult[k]!.songId &&
      r.fit === naiveResult[k]!.fit &&
      r.keyShift === naiveResult[k]!.keyShift,
  );
  if (!same) mismatches++;
}

const summary = (label: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    label,
    queries: values.length,
    medianMs: +percentile(sorted, 0.5).toFixed(2),
    p95Ms: +percentile(sorted, 0.95).toFixed(2),
  };
};
const rows = [
  summary('recommend (index + top-N heap), 1 singer', fast),
  summary('recommend, filtered (ko + ballad)', filtered),
  summary('recommend, group of 3 singers', group),
  summary('recommend, top 1,000 instead of 10', long),
  summary('naive peer (full histogram per shift, full sort)', naive),
];
console.log(
  `node ${process.version}, ${SONGS.toLocaleString('en')} songs, top ${TOP}, index built in ${buildMs.toFixed(0)} ms, load average ${loadavg()[0]!.toFixed(1)}`,
);
console.table(rows);
const naiveRow = rows[rows.length - 1]!;
const speedup = naiveRow.medianMs / rows[0]!.medianMs;
console.log(`speed ratio (naive median / recommend median): ${speedup.toFixed(1)}x`);
console.log(
  `naive and recommend agree on top ${TOP} (ids, shifts, fits): ${naiveQueries.length - mismatches}/${naiveQueries.length} queries`,
);
console.log(
  `budget: median ${rows[0]!.medianMs <= 10 ? 'within' : 'OVER'} 10 ms, p95 ${rows[0]!.p95Ms <= 10 ? 'within' : 'OVER'} 10 ms`,
);
