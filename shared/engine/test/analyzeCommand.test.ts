import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnalyzeOutputSchema } from '@orak/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCommand } from '../src/cli/analyzeCommand';
import { encodeWav } from '../src/decode/wavWriter';
import { KNOWN_HIGHEST, KNOWN_LOWEST, knownTake } from './support/knownMelody';
import { makeTempDir } from './support/tempDir';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let takePath = '';

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  takePath = join(dir, 'take.wav');
  await writeFile(takePath, encodeWav(knownTake(16000).samples, 16000));
});
afterAll(async () => {
  delete process.env.ORAK_CATALOGUE_FILE;
  await cleanup();
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await analyzeCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('orak analyze', () => {
  it('prints exactly one JSON document that validates against the contract', async () => {
    const { code, stdout, stderr } = await run([takePath, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const output = AnalyzeOutputSchema.parse(JSON.parse(stdout));
    expect(output.file).toBe(takePath);
    expect(output.sampleRate).toBe(16000);
    expect(output.range.lowest.midi).toBe(KNOWN_LOWEST);
    expect(output.range.highest.midi).toBe(KNOWN_HIGHEST);
    expect(output.f0).toBeUndefined();
    expect(output.recommendations).toBeUndefined();
  });

  it('adds the f0 track with --f0', async () => {
    const { code, stdout } = await run([takePath, '--json', '--f0']);
    expect(code).toBe(0);
    const output = AnalyzeOutputSchema.parse(JSON.parse(stdout));
    expect(output.f0?.hopSec).toBe(0.01);
    expect(output.f0?.hz.length).toBeGreaterThan(900);
    expect(output.f0?.hz.some((hz) => hz > 100 && hz < 340)).toBe(true);
    expect(output.f0?.hz[0]).toBe(0);
  });

  it('adds N range-matched recommendations with --recommend N', async () => {
    // An empty user catalogue: only the shipped default songs are ranked.
    process.env.ORAK_CATALOGUE_FILE = join(dir, 'no-user-catalogue.json');
    const { code, stdout, stderr } = await run([takePath, '--json', '--recommend', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = AnalyzeOutputSchema.parse(JSON.parse(stdout));
    expect(output.recommendations).toHaveLength(3);
    for (const r of output.recommendations!) {
      expect(r.keyShift).toBeGreaterThanOrEqual(-6);
      expect(r.keyShift).toBeLessThanOrEqual(6);
      expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('refuses bad input with a non-zero exit and one line on stderr', async () => {
    const bad = join(dir, 'lyrics.wav');
    await writeFile(bad, 'not a recording');
    const { code, stdout, stderr } = await run([bad, '--json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/lyrics\.wav: .*\(not-audio\)/);
  });

  it('finds the same range with the rule path (--picker off) on a clean take', async () => {
    const { code, stdout } = await run([takePath, '--json', '--picker', 'off']);
    expect(code).toBe(0);
    const output = AnalyzeOutputSchema.parse(JSON.parse(stdout));
    expect(output.range.lowest.midi).toBe(KNOWN_LOWEST);
    expect(output.range.highest.midi).toBe(KNOWN_HIGHEST);
  });

  it('refuses bad arguments with exit code 2', async () => {
    for (const args of [
      [],
      [takePath, '--recommend', 'many'],
      [takePath, '--bogus'],
      [takePath, takePath],
      [takePath, '--picker', 'sometimes'],
      [takePath, '--vad', 'silero'],
      [takePath, '--voice', 'alto'],
    ]) {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
