// One magic-byte sniffer for every side (desktop, engine, analyzer): it decides the container from the first
// bytes, never from a name or a declared type, and reads what the header promises. Browser-safe: no Node APIs.

export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg';

export interface AudioHeader {
  container: AudioContainer;
  /** Sample rate declared by the header, when the header could be read. */
  sampleRate: number | null;
  /** Set when the header promises more bytes or samples than the file holds. */
  truncatedBy: string | null;
  /** Frames (per channel) the header promises, when it says. */
  declaredFrames: number | null;
  /** WAV only, once a fmt chunk precedes the data: what the duration is computed from. */
  wav: WavLayout | null;
}

export interface WavLayout {
  channels: number;
  bitsPerSample: number;
  byteRate: number;
  /** The data bytes the file really holds: the declared size, bounded by the file's length. */
  dataBytes: number;
}

export interface UnknownAudio {
  container: 'unknown';
  /** Why the bytes are not one of the four containers, in words a user can act on. */
  reason: string;
}

export type AudioSniff = AudioHeader | UnknownAudio;

export interface SniffOptions {
  /**
   * The whole file's length when `bytes` is only its head: truncation is then judged against it, and checks
   * that need the whole file (the Ogg end-of-stream page) are skipped. Defaults to `bytes.length`.
   */
  totalBytes?: number;
}

const MPEG_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const header = (container: AudioContainer, fields: Partial<AudioHeader> = {}): AudioHeader => ({
  container,
  sampleRate: null,
  truncatedBy: null,
  declaredFrames: null,
  wav: null,
  ...fields,
});

/** Identifies WAV, FLAC, MP3 or OGG by its first bytes; anything else is 'unknown' with the reason. */
export function sniffAudioContainer(bytes: Uint8Array, options: SniffOptions = {}): AudioSniff {
  const total = Math.max(bytes.length, options.totalBytes ?? bytes.length);
  if (bytes.length < 4) {
    return { container: 'unknown', reason: `only ${bytes.length} bytes: too short to be audio` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = ascii(bytes, 0, 4);
  if (magic === 'RIFF') {
    if (bytes.length >= 12 && ascii(bytes, 8, 4) === 'WAVE') return sniffWav(bytes, view, total);
    return { container: 'unknown', reason: 'a RIFF file that is not WAVE audio (e.g. AVI video)' };
  }
  if (magic === 'fLaC') return sniffFlac(bytes, view);
  if (magic === 'OggS') return sniffOgg(bytes, view, total);
  if (ascii(bytes, 4, 4) === 'ftyp') {
    return { container: 'unknown', reason: 'an MP4/M4A container: only WAV, FLAC, MP3 and OGG are read' };
  }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return {
      container: 'unknown',
      reason: 'a WebM/Matroska container: only WAV, FLAC, MP3 and OGG are read',
    };
  }
  return (
    sniffMp3(bytes, total) ?? {
      container: 'unknown',
      reason: 'no WAV, FLAC, MP3 or OGG signature in the first bytes',
    }
  );
}

function sniffWav(bytes: Uint8Array, view: DataView, total: number): AudioHeader {
  const result = header('wav');
  let offset = 12;
  let format: Omit<WavLayout, 'dataBytes'> & { blockAlign: number } = {
    channels: 0,
    bitsPerSample: 0,
    byteRate: 0,
    blockAlign: 0,
  };
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) return { ...result, truncatedBy: 'the fmt chunk is cut off' };
      format = {
        channels: view.getUint16(body + 2, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
      result.sampleRate = view.getUint32(body + 4, true);
    } else if (id === 'data') {
      // Streaming writers leave 0 or 0xFFFFFFFF here: only a concrete size can prove truncation.
      const streamed = size === 0 || size === 0xffffffff;
      if (!streamed && body + size > total) {
        result.truncatedBy = `the data chunk declares ${size} bytes but only ${total - body} are present`;
      }
      if (format.blockAlign > 0 && size !== 0xffffffff) {
        result.declaredFrames = Math.floor(size / format.blockAlign);
      }
      if (format.byteRate > 0) {
        const { channels, bitsPerSample, byteRate } = format;
        const present = Math.max(0, total - body);
        result.wav = {
          channels,
          bitsPerSample,
          byteRate,
          dataBytes: streamed ? present : Math.min(size, present),
        };
      }
      return result;
    }
    offset = body + size + (size % 2);
  }
  const where = total > bytes.length ? `in the first ${bytes.length} bytes` : 'before the end of the file';
  return { ...result, truncatedBy: `no data chunk ${where}` };
}

function sniffFlac(bytes: Uint8Array, view: DataView): AudioHeader {
  if (bytes.length < 8 + 34) return header('flac', { truncatedBy: 'the STREAMINFO block is cut off' });
  // STREAMINFO: 20-bit sample rate, 3-bit channels, 5-bit bits per sample, 36-bit total samples.
  const sampleRate = (view.getUint16(18) << 4) | (bytes[20]! >> 4);
  const totalFrames = (bytes[21]! & 0x0f) * 2 ** 32 + view.getUint32(22);
  return header('flac', { sampleRate, declaredFrames: totalFrames > 0 ? totalFrames : null });
}

function findMpegFrame(bytes: Uint8Array, start: number): number {
  for (let i = start; i + 4 <= bytes.length && i < start + 65536; i++) {
    if (bytes[i] === 0xff && (bytes[i + 1]! & 0xe0) === 0xe0) {
      const version = (bytes[i + 1]! >> 3) & 3;
      const layer = (bytes[i + 1]! >> 1) & 3;
      const rateIndex = (bytes[i + 2]! >> 2) & 3;
      const bitrateIndex = bytes[i + 2]! >> 4;
      if (version !== 1 && layer !== 0 && rateIndex !== 3 && bitrateIndex !== 15 && bitrateIndex !== 0) {
        return i;
      }
    }
  }
  return -1;
}

/** An ID3 tag or an MPEG audio frame sync; null when neither starts the bytes. */
function sniffMp3(bytes: Uint8Array, total: number): AudioHeader | null {
  let start = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const tagSize =
      ((bytes[6]! & 0x7f) << 21) |
      ((bytes[7]! & 0x7f) << 14) |
      ((bytes[8]! & 0x7f) << 7) |
      (bytes[9]! & 0x7f);
    start = 10 + tagSize;
    if (start >= total) return header('mp3', { truncatedBy: 'the file ends inside its ID3 tag' });
    // The tag runs past the head we were given: the frames are further on, unseen.
    if (start >= bytes.length) return header('mp3');
  } else if (!(bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)) {
    return null;
  }
  const frame = findMpegFrame(bytes, start);
  if (frame < 0) {
    return start > 0 ? header('mp3', { truncatedBy: 'no MPEG audio frame after the ID3 tag' }) : null;
  }
  const version = (bytes[frame + 1]! >> 3) & 3;
  const rateIndex = (bytes[frame + 2]! >> 2) & 3;
  return header('mp3', { sampleRate: MPEG_RATES[version]?.[rateIndex] ?? null });
}

function sniffOgg(bytes: Uint8Array, view: DataView, total: number): AudioHeader {
  const result = header('ogg');
  // The first page carries the codec identification header; Vorbis keeps the rate at byte 12 of its packet.
  const packet = 27 + (bytes[26] ?? 0);
  if (packet + 16 <= bytes.length && ascii(bytes, packet + 1, 6) === 'vorbis') {
    result.sampleRate = view.getUint32(packet + 12, true);
  } else if (packet + 16 <= bytes.length && ascii(bytes, packet, 8) === 'OpusHead') {
    result.sampleRate = 48000;
  }
  // Only the whole file can show its end: a complete stream ends with a page flagged end-of-stream.
  if (total > bytes.length) return result;
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

/** The MIME type a sniffed container is uploaded as. */
export const AUDIO_CONTAINER_CONTENT_TYPES: Record<
  AudioContainer,
  'audio/wav' | 'audio/flac' | 'audio/mpeg' | 'audio/ogg'
> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};
