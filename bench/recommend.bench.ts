import { loadavg } from 'node:os';
import {
  buildRecommendIndex,
  recommend,
  type CatalogueEntry,
  type RecommendOptions,
  type VoiceProfile,
} from '../shared/core/src/index';
import { recommendNaive } from './recommendNaive';

// Recommendation latency on a 100,000-song catalogue, beside a naive peer in the same run.
// Run: npx tsx bench/recommend.bench.ts [songCount] [naiveQueriesPerMode]

const SONGS = Number(process.argv[2] ?? 100_000);
/** The naive peer takes seconds per query, so it runs on the first few queries of each mode. */
const NAIVE_QUERIES = Number(process.argv[3] ?? 3);
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

function summary(values: readonly number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

const songs = Array.from({ length: SONGS }, (_, i) => syntheticSong(i));
const [index, buildMs] = time(() => buildRecommendIndex(songs));

interface Mode {
  label: string;
  size: number;
  options: RecommendOptions;
  queries: number;
}
const modes: Mode[] = [
  { label: '1 singer', size: 1, options: { top: TOP }, queries: 120 },
  {
    label: '1 singer, ko + ballad',
    size: 1,
    options: { top: TOP, languages: ['ko'], tags: ['ballad'] },
    queries: 120,
  },
  {
    label: '1 singer, popularity weight 0.5',
    size: 1,
    options: { top: TOP, popularityWeight: 0.5 },
    queries: 120,
  },
  { label: 'group of 2', size: 2, options: { top: TOP }, queries: 120 },
  { label: 'group of 3', size: 3, options: { top: TOP }, queries: 120 },
  { label: 'group of 5', size: 5, options: { top: TOP }, queries: 120 },
  {
    label: 'group of 3, ko + ballad, weight 0.5',
    size: 3,
    options: { top: TOP, languages: ['ko'], tags: ['ballad'], popularityWeight: 0.5 },
    queries: 120,
  },
  // A long list prunes far less (the 1,000th best fit is a low bar): the cost when pruning helps least.
  { label: '1 singer, top 1,000', size: 1, options: { top: 1000 }, queries: 20 },
];
const groupsFor = (mode: Mode) =>
  Array.from({ length: mode.queries }, () => Array.from({ length: mode.size }, singer));

// Warm up so the JIT has compiled the fast path before timing.
for (const mode of modes)
  for (const group of groupsFor(mode).slice(0, 20)) recommend(index, group, mode.options);

// Every mode is timed before the naive peer runs, so its garbage is not collected during a timed query.
const queriesByMode = modes.map(groupsFor);
// CPU time beside wall time: on a shared machine a query's wall time includes waiting for a core.
const fastByMode = modes.map((mode, m) => {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const group of queriesByMode[m]!) {
    const before = process.cpuUsage();
    wall.push(time(() => recommend(index, group, mode.options))[1]);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...summary(wall), cpu: summary(cpu) };
});
const rows = modes.map((mode, m) => {
  const naiveMs: number[] = [];
  let agree = 0;
  for (const group of queriesByMode[m]!.slice(0, NAIVE_QUERIES)) {
    const [expected, ms] = time(() => recommendNaive(songs, group, mode.options));
    naiveMs.push(ms);
    const got = recommend(index, group, mode.options).map(({ songId, keyShift, fit }) => ({
      songId,
      keyShift,
      fit,
    }));
    if (JSON.stringify(got) === JSON.stringify(expected)) agree++;
  }
  const fast = fastByMode[m]!;
  const naive = naiveMs.length > 0 ? summary(naiveMs) : { median: NaN, p95: NaN };
  const ratio = (slow: number, quick: number) => `${Math.round(slow / quick).toLocaleString('en')}x`;
  return {
    mode: mode.label,
    queries: queriesByMode[m]!.length,
    medianMs: +fast.median.toFixed(2),
    p95Ms: +fast.p95.toFixed(2),
    cpuMedianMs: +fast.cpu.median.toFixed(2),
    cpuP95Ms: +fast.cpu.p95.toFixed(2),
    naiveMedianMs: Math.round(naive.median),
    naiveP95Ms: Math.round(naive.p95),
    'ratio median': ratio(naive.median, fast.median),
    'ratio p95': ratio(naive.p95, fast.p95),
    agree: `${agree}/${naiveMs.length}`,
  };
});

console.log(
  `node ${process.version}, ${SONGS.toLocaleString('en')} songs, top ${TOP}, index built in ${buildMs.toFixed(0)} ms, ${index.buckets.count} buckets, load average ${loadavg()[0]!.toFixed(1)}`,
);
console.table(rows);
const over = rows.filter((row) => row.p95Ms > 10 && !row.mode.includes('top 1,000'));
const overCpu = rows.filter((row) => row.cpuP95Ms > 10 && !row.mode.includes('top 1,000'));
console.log(
  `ratio: naive / recommend in the same run (naive on the first ${NAIVE_QUERIES} queries of each mode); agree: same top N (ids, order, shifts, fits)`,
);
const verdict = (failing: typeof rows) =>
  failing.length === 0 ? 'met by every mode' : `OVER in ${failing.map((r) => r.mode).join('; ')}`;
console.log(`budget p95 <= 10 ms (top ${TOP}): wall ${verdict(over)}; cpu ${verdict(overCpu)}`);
