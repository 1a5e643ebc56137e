import { yieldToEventLoop, SLICE_SAMPLES } from './eventLoopYield';

// Reads any PCM or float WAV (the recorder writes 32-bit float) into mono samples, in slices.

export interface WavFormat {
  sampleRate: number;
  channels: number;
  /** 1 = integer PCM, 3 = IEEE float. */
  encoding: 1 | 3;
  bitsPerSample: number;
  dataOffset: number;
  frames: number;
}

export interface MonoAudio {
  sampleRate: number;
  samples: Float32Array;
}

const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** Walks the RIFF chunks; throws a one-line reason for anything that is not a WAV this reader can decode. */
export function parseWavFormat(bytes: Uint8Array): WavFormat {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let format: Omit<WavFormat, 'dataOffset' | 'frames'> | null = null;
  while (at + 8 <= bytes.length) {
    const id = ascii(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new Error('the WAV format chunk is truncated');
      let tag = view.getUint16(body, true);
      // Extensible WAV keeps the real format in the first two bytes of its sub-format GUID.
      if (tag === WAVE_FORMAT_EXTENSIBLE && size >= 26) tag = view.getUint16(body + 24, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      if (tag !== 1 && tag !== 3) throw new Error(`WAV encoding ${tag} is not PCM or float`);
      const supported =
        tag === 1 ? [8, 16, 24, 32].includes(bitsPerSample) : [32, 64].includes(bitsPerSample);
      if (!supported)
        throw new Error(`${bitsPerSample}-bit ${tag === 1 ? 'PCM' : 'float'} WAV is not supported`);
      format = {
        encoding: tag,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample,
      };
      if (format.channels < 1 || format.sampleRate < 1) throw new Error('the WAV header declares no audio');
    } else if (id === 'data') {
      if (!format) throw new Error('the WAV data comes before its format');
      const frameBytes = (format.bitsPerSample / 8) * format.channels;
      // A take cut short by a crash can declare more data than it holds: read what is there.
      const available = Math.min(size, bytes.length - body);
      return { ...format, dataOffset: body, frames: Math.floor(available / frameBytes) };
    }
    at = body + size + (size % 2);
  }
  throw new Error('the WAV file has no audio data');
}

function sampleReader(view: DataView, format: WavFormat): (offset: number) => number {
  switch (`${format.encoding}/${format.bitsPerSample}`) {
    case '1/8':
      return (o) => (view.getUint8(o) - 128) / 128;
    case '1/16':
      return (o) => view.getInt16(o, true) / 32768;
    case '1/24':
      return (o) => (view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) / 8388608;
    case '1/32':
      return (o) => view.getInt32(o, true) / 2147483648;
    case '3/64':
      return (o) => view.getFloat64(o, true);
    default:
      return (o) => view.getFloat32(o, true);
  }
}

/** Mixes every channel down to one, a slice at a time; non-finite samples (a damaged file) read as silence. */
export async function decodeWavMono(bytes: Uint8Array): Promise<MonoAudio> {
  const format = parseWavFormat(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(view, format);
  const sampleBytes = format.bitsPerSample / 8;
  const frameBytes = sampleBytes * format.channels;
  const samples = new Float32Array(format.frames);
  const framesPerSlice = Math.max(1, Math.floor(SLICE_SAMPLES / format.channels));
  for (let start = 0; start < format.frames; start += framesPerSlice) {
    const end = Math.min(format.frames, start + framesPerSlice);
    for (let frame = start; frame < end; frame++) {
      const base = format.dataOffset + frame * frameBytes;
      let sum = 0;
      for (let c = 0; c < format.channels; c++) sum += read(base + c * sampleBytes);
      const value = sum / format.channels;
      samples[frame] = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
    }
    if (end < format.frames) await yieldToEventLoop();
  }
  return { sampleRate: format.sampleRate, samples };
}
