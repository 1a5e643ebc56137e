// 32-bit float WAV (WAVE_FORMAT_IEEE_FLOAT): Web Audio captures float samples, so this keeps takes lossless.

export const WAV_HEADER_BYTES = 44;
const BYTES_PER_SAMPLE = 4;

export function wavFloatHeader(sampleRate: number, channels: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20); // IEEE float
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(channels * BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(8 * BYTES_PER_SAMPLE, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export interface WavFloatInfo {
  sampleRate: number;
  channels: number;
  dataBytes: number;
}

/** Reads back a header this module wrote; throws on anything else. */
export function readWavFloatHeader(bytes: Uint8Array): WavFloatInfo {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    view.length < WAV_HEADER_BYTES ||
    view.toString('ascii', 0, 4) !== 'RIFF' ||
    view.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a WAV file');
  }
  if (view.readUInt16LE(20) !== 3 || view.readUInt16LE(34) !== 32) throw new Error('not a 32-bit float WAV');
  return {
    sampleRate: view.readUInt32LE(24),
    channels: view.readUInt16LE(22),
    dataBytes: view.readUInt32LE(40),
  };
}

export const FLOAT_FRAME_BYTES = (channels: number) => channels * BYTES_PER_SAMPLE;
