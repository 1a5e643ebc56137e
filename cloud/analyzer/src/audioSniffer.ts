// Recognises audio containers by their first bytes (never by the declared type) and reads a WAV's duration.

export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg' | 'mp4' | 'webm';

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

export function sniffAudioContainer(head: Uint8Array): AudioContainer | null {
  if (head.length < 12) return null;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return 'wav';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 4, 4) === 'ftyp') return 'mp4';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (ascii(head, 0, 3) === 'ID3') return 'mp3';
  // MPEG audio / ADTS frame sync: eleven set bits.
  if (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0) return 'mp3';
  return null;
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationSec: number;
}

/** Walks the RIFF chunks of a WAV header; `totalBytes` bounds a data chunk that claims more than the file holds. */
export function readWavInfo(head: Uint8Array, totalBytes: number): WavInfo | null {
  if (sniffAudioContainer(head) !== 'wav') return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number; byteRate: number } | null = null;
  while (offset + 8 <= head.length) {
    const id = ascii(head, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= head.length) {
      format = {
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        byteRate: view.getUint32(offset + 16, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (id === 'data') {
      if (!format || format.byteRate === 0) return null;
      const dataBytes = Math.min(size, totalBytes - (offset + 8));
      return {
        sampleRate: format.sampleRate,
        channels: format.channels,
        bitsPerSample: format.bitsPerSample,
        durationSec: Math.max(0, dataBytes) / format.byteRate,
      };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
