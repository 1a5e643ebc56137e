// A real PCM WAV built in memory: a voice-like tone (fundamental + harmonics, slow vibrato), for upload tests.

export function voiceLikeWav(options: { seconds: number; hz?: number; sampleRate?: number }): Buffer {
  const sampleRate = options.sampleRate ?? 16_000;
  const hz = options.hz ?? 220;
  const samples = Math.round(options.seconds * sampleRate);
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(samples * 2, 40);
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
