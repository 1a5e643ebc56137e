// A real PCM WAV built in memory: a voice-like tone (fundamental + harmonics, slow vibrato), for upload tests.

export function voiceLikeWav(options: { seconds: number; hz?: number; sampleRate?: number }): Buffer {
  const sampleRate = options.sampleRate ?? 16_000;
  const hz = options.hz ?? 220;
  const samples = Math.round(options.seconds * sampleRate);
  const buffer = Buffer.alloc(44 + samples * 2);
  writeWavHeader(buffer, sampleRate, samples);
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const f = hz * Math.pow(2, (15 * Math.sin(2 * Math.PI * 5.5 * t)) / 1200);
    phase += (2 * Math.PI * f) / sampleRate;
    const value = 0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase);
    buffer.writeInt16LE(Math.round(value * 0.8 * 32767), 44 + i * 2);
  }
  return buffer;
}

/** A sung-like melody: each MIDI note held for `noteSec`, with vibrato and a short gap between notes. */
export function melodyWav(options: { midiNotes: number[]; noteSec: number; sampleRate?: number }): Buffer {
  const sampleRate = options.sampleRate ?? 16_000;
  const perNote = Math.round(options.noteSec * sampleRate);
  const samples = perNote * options.midiNotes.length;
  const buffer = Buffer.alloc(44 + samples * 2);
  writeWavHeader(buffer, sampleRate, samples);
  let phase = 0;
  options.midiNotes.forEach((midi, n) => {
    const hz = 440 * Math.pow(2, (midi - 69) / 12);
    for (let i = 0; i < perNote; i++) {
      const t = i / sampleRate;
      const f = hz * Math.pow(2, (15 * Math.sin(2 * Math.PI * 5.5 * t)) / 1200);
      phase += (2 * Math.PI * f) / sampleRate;
      // 60 ms fades keep note boundaries click-free and separate the notes.
      const envelope = Math.min(1, i / (0.06 * sampleRate), (perNote - i) / (0.06 * sampleRate));
      const value =
        envelope * (0.5 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase));
      buffer.writeInt16LE(Math.round(value * 0.8 * 32767), 44 + (n * perNote + i) * 2);
    }
  });
  return buffer;
}

function writeWavHeader(buffer: Buffer, sampleRate: number, samples: number): void {
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(samples * 2, 40);
}
