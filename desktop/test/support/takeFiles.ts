import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Take } from '@orak/core';
import type { LibraryService } from '../../src/main/library/libraryService';
import { encodeWav } from '@orak/engine';

// Real take files in a real library: float WAV in the takes folder (what older versions of the recorder wrote).

export async function addWavTake(
  library: LibraryService,
  samples: Float32Array,
  sampleRate: number,
  title: string,
): Promise<Take> {
  const fileName = `${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${Date.now()}.wav`;
  const bytes = encodeWav(samples, sampleRate, 1, 'float32');
  await writeFile(join(library.takesDir, fileName), bytes);
  return library.addTake({
    title,
    fileName,
    sampleRate,
    channels: 1,
    durationSec: samples.length / sampleRate,
    sizeBytes: bytes.length,
  });
}

/** A take file holding something other than audio, under a .wav name. */
export async function addBogusTake(library: LibraryService, title: string, content: string): Promise<Take> {
  const fileName = `${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.wav`;
  await writeFile(join(library.takesDir, fileName), content);
  return library.addTake({
    title,
    fileName,
    sampleRate: 44_100,
    channels: 1,
    durationSec: 1,
    sizeBytes: content.length,
  });
}
