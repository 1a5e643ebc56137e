import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway data folder for one service instance. */
export function makeDataDir(service: string): string {
  return mkdtempSync(join(tmpdir(), `orak-${service}-`));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
