// Magic-byte sniffing: decide the container before handing bytes to a decoder, and read what the header promises.

export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg';

export interface SniffResult {
  container: AudioContainer;
  /** Sample rate declared by the header, when the header could be read. */
  sampleRate: number | null;
  /** Set when the header promises more bytes or samples than the file holds. */
  truncatedBy: string | null;
  /** Frames (per channel) the header promises, when it says. */
  declaredFrames: number | null;
}

const MPEG_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function sniffWav(bytes: Uint8Array, view: DataView): SniffResult {
  const result: SniffResult = { container: 'wav', sampleRate: null, truncatedBy: null, declaredFrames: null };
  let offset = 12;
  let blockAlign = 0;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) return { ...result, truncatedBy: 'the fmt chunk is cut off' };
      result.sampleRate = view.getUint32(body + 4, true);
      blockAlign = view.getUint16(body + 12, true);
    } else if (id === 'data') {
      // Streaming writers leave 0 or 0xFFFFFFFF here: only a concrete size can prove truncation.
      if (size !== 0 && size !== 0xffffffff && body + size > bytes.length) {
        result.truncatedBy = `the data chunk declares ${size} bytes but only ${bytes.length - body} are present`;
      }
      if (blockAlign > 0 && size !== 0xffffffff) result.declaredFrames = Math.floor(size / blockAlign);
      return result;
    }
    offset = body + size + (size % 2);
  }
  return { ...result, truncatedBy: 'no data chunk before the end of the file' };
}

function sniffFlac(bytes: Uint8Array, view: DataView): SniffResult {
  if (bytes.length < 8 + 34) {
    return {
      container: 'flac',
      sampleRate: null,
      truncatedBy: 'the STREAMINFO block is cut off',
      declaredFrames: null,
    };
  }
  // STREAMINFO: 20-bit sample rate, 3-bit channels, 5-bit bits per sample, 36-bit total samples.
  const sampleRate = (view.getUint16(18) << 4) | (bytes[20]! >> 4);
  const totalHigh = bytes[21]! & 0x0f;
  const totalFrames = totalHigh * 2 ** 32 + view.getUint32(22);
  return {
    container: 'flac',
    sampleRate,
    truncatedBy: null,
    declaredFrames: totalFrames > 0 ? totalFrames : null,
  };
}

function findMpegFrame(bytes: Uint8Array, start: number): number {
  for (let i = start; i + 4 <= bytes.length && i < start + 65536; i++) {
    if (bytes[i] === 0xff && (bytes[i + 1]! & 0xe0) === 0xe0) {
      const version = (bytes[i + 1]! >> 3) & 3;
      const layer = (bytes[i + 1]! >> 1) & 3;
      const rateIndex = (bytes[i + 2]! >> 2) & 3;
      const bitrateIndex = bytes[i + 2]! >> 4;
      if (version !== 1 && layer !== 0 && rateIndex !== 3 && bitrateIndex !== 15 && bitrateIndex !== 0)
        return i;
    }
  }
  return -1;
}

function sniffMp3(bytes: Uint8Array): SniffResult | null {
  let start = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const tagSize =
      ((bytes[6]! & 0x7f) << 21) |
      ((bytes[7]! & 0x7f) << 14) |
      ((bytes[8]! & 0x7f) << 7) |
      (bytes[9]! & 0x7f);
    start = 10 + tagSize;
    if (start >= bytes.length) {
      return {
        container: 'mp3',
        sampleRate: null,
        truncatedBy: 'the file ends inside its ID3 tag',
        declaredFrames: null,
      };
    }
  } else if (!(bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)) {
    return null;
  }
  const frame = findMpegFrame(bytes, start);
  if (frame < 0)
    return start > 0
      ? {
          container: 'mp3',
          sampleRate: null,
          truncatedBy: 'no MPEG audio frame after the ID3 tag',
          declaredFrames: null,
        }
      : null;
  const version = (bytes[frame + 1]! >> 3) & 3;
  const rateIndex = (bytes[frame + 2]! >> 2) & 3;
  return {
    container: 'mp3',
    sampleRate: MPEG_RATES[version]?.[rateIndex] ?? null,
    truncatedBy: null,
    declaredFrames: null,
  };
}

function sniffOgg(bytes: Uint8Array, view: DataView): SniffResult {
  const result: SniffResult = { container: 'ogg', sampleRate: null, truncatedBy: null, declaredFrames: null };
  // First page carries the codec identification header; Vorbis keeps the rate at byte 12 of its packet.
  const segments = bytes[26] ?? 0;
  const packet = 27 + segments;
  if (packet + 16 <= bytes.length && ascii(bytes, packet + 1, 6) === 'vorbis') {
    result.sampleRate = view.getUint32(packet + 12, true);
  } else if (packet + 16 <= bytes.length && ascii(bytes, packet, 8) === 'OpusHead') {
    result.sampleRate = 48000;
  }
  // Walk the pages: a complete stream ends with a page flagged end-of-stream.
  let offset = 0;
  let sawEnd = false;
  while (offset + 27 <= bytes.length && ascii(bytes, offset, 4) === 'OggS') {
    const count = bytes[offset + 26]!;
    if (offset + 27 + count > bytes.length) break;
    let bodySize = 0;
    for (let i = 0; i < count; i++) bodySize += bytes[offset + 27 + i]!;
    const end = offset + 27 + count + bodySize;
    if (end > bytes.length) break;
    if ((bytes[offset + 5]! & 0x04) !== 0) sawEnd = true;
    offset = end;
  }
  if (!sawEnd) result.truncatedBy = 'the Ogg stream has no end-of-stream page';
  return result;
}

/** Returns null when the bytes are not one of the supported audio containers. */
export function sniffAudio(bytes: Uint8Array): SniffResult | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = ascii(bytes, 0, 4);
  if (magic === 'RIFF' && bytes.length >= 12 && ascii(bytes, 8, 4) === 'WAVE') return sniffWav(bytes, view);
  if (magic === 'RIFF') return null;
  if (magic === 'fLaC') return sniffFlac(bytes, view);
  if (magic === 'OggS') return sniffOgg(bytes, view);
  return sniffMp3(bytes);
}
