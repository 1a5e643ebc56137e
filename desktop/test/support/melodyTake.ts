import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Take } from '@orak/core';
import type { LibraryService } from '../../src/main/library/libraryService';
import { encodeWavPcm16 } from './wavFile';

// A sung-like take (notes with vibrato and harmonics) written into a library as a real WAV, for upload tests.

export function melodySamples(
  midiNotes: readonly number[],
  noteSec: number,
  sampleRate: number,
): Float32Array {
  const perNote = Math.round(noteSec * sampleRate);
  const samples = new Float32Array(perNote * midiNotes.length);
  let phase = 0;
  midiNotes.forEach((midi, n) => {
    const hz = 440 * 2 ** ((midi - 69) / 12);
    for (let i = 0; i < perNote; i++) {
      const f = hz * 2 ** ((15 * Math.sin((2 * Math.PI * 5.5 * i) / sampleRate)) / 1200);
      phase += (2 * Math.PI * f) / sampleRate;
      // Short fades keep note boundaries click-free and the notes apart.
      const envelope = Math.min(1, i / (0.06 * sampleRate), (perNote - i) / (0.06 * sampleRate));
      samples[n * perNote + i] =
        0.8 * envelope * (0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase));
    }
  });
  return samples;
}

export const MELODY = [50, 52, 54, 55, 57, 59, 61, 62, 64, 62, 59, 55, 50] as const;

/** Adds a take whose audio is `MELODY` repeated to about `seconds` long (16 kHz mono, 32 KB a second). */
export async function addMelodyTake(library: LibraryService, title: string, seconds: number): Promise<Take> {
  const sampleRate = 16_000;
  const noteSec = 0.6;
  const rounds = Math.max(1, Math.round(seconds / (noteSec * MELODY.length)));
  const notes = Array.from({ length: rounds }, () => MELODY).flat();
  const wav = encodeWavPcm16(melodySamples(notes, noteSec, sampleRate), sampleRate);
  const fileName = `${title.replace(/\W+/g, '-')}-${Date.now()}.wav`;
  await writeFile(join(library.takesDir, fileName), wav);
  return library.addTake({
    title,
    fileName,
    sampleRate,
    channels: 1,
    durationSec: notes.length * noteSec,
    sizeBytes: wav.length,
  });
}
