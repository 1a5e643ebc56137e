import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../src/main/library/libraryService';

// A real process killed with SIGKILL in the middle of writing: the library must open with every take it
// acknowledged, whatever instant the kill landed on.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./support/libraryWriterChild.ts', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeThenKill(killAfterAcks: number): Promise<number> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acknowledged = 0;
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', () => resolve());
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      const lines = chunk.trim().split('\n');
      acknowledged = Number(lines[lines.length - 1]);
      if (acknowledged >= killAfterAcks) {
        proc.kill('SIGKILL');
        resolve();
      }
    });
  });
  await exited;
  return acknowledged;
}

describe('library survives a crash mid-write', () => {
  it('keeps every acknowledged take after SIGKILL at varying moments', async () => {
    for (const killAfter of [5, 23, 61]) {
      const acknowledged = await writeThenKill(killAfter);
      const library = await openLibrary({ dir });
      const saved = library.queryTakes({ limit: 10_000 }).total;
      expect(saved).toBeGreaterThanOrEqual(acknowledged);
      // Nothing had to be restored: the atomic rename means the main file was never half-written.
      expect(library.recoveries).toEqual([]);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  }, 60_000);
});
