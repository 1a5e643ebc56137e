import { WAV_HEADER_BYTES } from '@orak/engine';

// Reads back a take the recorder wrote (its 44-byte header, then 24-bit PCM or 32-bit float), for assertions.

export interface TakeWav {
  info: { encoding: 'pcm24' | 'float32' | 'other'; sampleRate: number; channels: number; dataBytes: number };
  samples: Float32Array;
}

export function parseTakeWav(bytes: Buffer): TakeWav {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 36, 40) !== 'data')
    throw new Error('not a WAV the recorder wrote');
  const tag = bytes.readUInt16LE(20);
  const bits = bytes.readUInt16LE(34);
  const encoding = tag === 1 && bits === 24 ? 'pcm24' : tag === 3 && bits === 32 ? 'float32' : 'other';
  const info = {
    encoding,
    sampleRate: bytes.readUInt32LE(24),
    channels: bytes.readUInt16LE(22),
    dataBytes: bytes.readUInt32LE(40),
  } as const;
  const data = bytes.subarray(WAV_HEADER_BYTES);
  const samples =
    encoding === 'float32'
      ? new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length))
      : Float32Array.from(
          { length: Math.floor(data.length / 3) },
          (_, i) => data.readIntLE(3 * i, 3) / 8388607,
        );
  return { info, samples };
}
