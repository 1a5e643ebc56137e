import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueSchema, RecommendationSchema } from '@orak/core';

// Runs the real CLI as users and other tools do: a child process whose stdout must be one JSON document.

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'orak-cli-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function orak(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // The workspace's own tsx, not npx: npx may print npm's own warnings on stderr.
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['shared/engine/src/cli/orakCli.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ORAK_HOME: home },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each test starts Node + tsx (a few seconds on a loaded 2-core machine), so allow more than the default.
describe('orak CLI', { timeout: 90_000 }, () => {
  it('recommend --json prints exactly one JSON document in RecommendationSchema shape', async () => {
    const { code, stdout, stderr } = await orak(
      'recommend',
      '--lowest',
      'G2',
      '--highest',
      'E4',
      '--top',
      '5',
      '--json',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const output = JSON.parse(stdout) as { recommendations: unknown };
    expect(Object.keys(output)).toEqual(['recommendations']);
    const recommendations = RecommendationSchema.array().parse(output.recommendations);
    expect(recommendations).toHaveLength(5);
    expect(recommendations[0]!.fit).toBeGreaterThan(80);
  });

  it('bad input exits non-zero with one line on stderr and nothing on stdout', async () => {
    const { code, stdout, stderr } = await orak('recommend', '--lowest', 'H9', '--highest', 'E4', '--json');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not a note name "H9"/);
  });

  it('catalog import persists good files, reports bad ones, and list shows them merged', async () => {
    const good = join(home, 'mine.txt');
    const bad = join(home, 'bad.txt');
    await writeFile(good, '#TITLE:My Own Song\n#ARTIST:Me\n#BPM:200\n: 0 4 0 a\n: 4 4 4 b\n: 8 4 7 c\nE\n');
    await writeFile(bad, '#TITLE:Broken\n: 0 4 0 a\n');
    const imported = await orak('catalog', 'import', good, bad, '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as {
      imported: { id: string }[];
      problems: { file: string; reason: string }[];
    };
    expect(report.imported.map((s) => s.id)).toEqual(['me--my-own-song']);
    expect(report.problems).toEqual([{ file: bad, reason: expect.stringMatching(/#BPM/) }]);

    const listed = await orak('catalog', 'list', '--json');
    expect(listed.code).toBe(0);
    const catalogue = CatalogueSchema.parse(JSON.parse(listed.stdout));
    expect(catalogue.songs.length).toBeGreaterThanOrEqual(101);
    expect(catalogue.songs.find((s) => s.id === 'me--my-own-song')!.rangeProvenance).toBe('notes');
  });

  it('unknown commands are usage errors', async () => {
    const { code, stderr } = await orak('sing');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "sing"/);
  });
});
