import { describe, expect, it } from 'vitest';
import { sniffAudioContainer, type AudioSniff } from '../../src/audio/audioContainerSniffer';

// The one sniffer the desktop, the engine and the analyzer share: containers by magic bytes, reasons in words.

const text = (s: string, length = 64) => {
  const out = new Uint8Array(length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

/** A 16-bit PCM WAV header plus `frames` frames of silence; `declared` overrides the data chunk's size. */
function wav(options: { frames: number; rate?: number; channels?: number; declared?: number }): Uint8Array {
  const rate = options.rate ?? 16_000;
  const channels = options.channels ?? 1;
  const dataBytes = options.frames * channels * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  bytes.set(text('RIFF', 4), 0);
  view.setUint32(4, 36 + dataBytes, true);
  bytes.set(text('WAVEfmt ', 8), 8);
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  bytes.set(text('data', 4), 36);
  view.setUint32(40, options.declared ?? dataBytes, true);
  return bytes;
}

const reasonOf = (sniff: AudioSniff) => (sniff.container === 'unknown' ? sniff.reason : null);
/** What a recognised header says is missing; fails the test when the bytes were not recognised. */
const cutOf = (bytes: Uint8Array, totalBytes?: number) => {
  const sniff = sniffAudioContainer(bytes, totalBytes === undefined ? {} : { totalBytes });
  if (sniff.container === 'unknown') throw new Error(`not recognised: ${sniff.reason}`);
  return sniff.truncatedBy;
};

describe('sniffAudioContainer', () => {
  it('names the four containers by their first bytes', () => {
    expect(sniffAudioContainer(wav({ frames: 1600 })).container).toBe('wav');
    expect(sniffAudioContainer(text('fLaC')).container).toBe('flac');
    expect(sniffAudioContainer(text('OggS')).container).toBe('ogg');
    // An ID3 tag of 0 bytes, then an MPEG-1 layer III frame header at 44.1 kHz.
    const id3 = text('ID3\u0004\0\0\0\0\0\0');
    id3.set([0xff, 0xfb, 0x90, 0x00], 10);
    expect(sniffAudioContainer(id3)).toMatchObject({
      container: 'mp3',
      sampleRate: 44_100,
      truncatedBy: null,
    });
    expect(sniffAudioContainer(new Uint8Array([0xff, 0xfb, 0x90, 0x00, 0, 0, 0, 0]))).toMatchObject({
      container: 'mp3',
      sampleRate: 44_100,
    });
  });

  it('answers unknown with a reason for everything else', () => {
    expect(reasonOf(sniffAudioContainer(new Uint8Array(2)))).toMatch(/too short/);
    expect(reasonOf(sniffAudioContainer(text('RIFF\0\0\0\0AVI ')))).toMatch(/not WAVE/);
    expect(reasonOf(sniffAudioContainer(text('\0\0\0\u0020ftypM4A ')))).toMatch(/MP4/);
    expect(reasonOf(sniffAudioContainer(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0])))).toMatch(
      /WebM/,
    );
    expect(reasonOf(sniffAudioContainer(text('%PDF-1.7')))).toMatch(/no WAV, FLAC, MP3 or OGG signature/);
    expect(reasonOf(sniffAudioContainer(text('MZ\u0090\0')))).toMatch(/signature/);
  });

  it('reads a WAV header: rate, frames, layout and the data bytes present', () => {
    const sniff = sniffAudioContainer(wav({ frames: 40_000, rate: 16_000, channels: 2 }));
    expect(sniff).toMatchObject({
      container: 'wav',
      sampleRate: 16_000,
      declaredFrames: 40_000,
      truncatedBy: null,
      wav: { channels: 2, bitsPerSample: 16, byteRate: 64_000, dataBytes: 160_000 },
    });
  });

  it('judges only the head of a longer file against its total length', () => {
    const whole = wav({ frames: 40_000 });
    const head = whole.subarray(0, 4096);
    expect(sniffAudioContainer(head, { totalBytes: whole.length })).toMatchObject({
      truncatedBy: null,
      wav: { dataBytes: 80_000 },
    });
    // Without the total, the same head is a file cut short.
    expect(cutOf(head)).toMatch(/declares 80000 bytes but only 4052/);
  });

  it('bounds a streamed WAV (size 0xFFFFFFFF) by what the file holds, and flags a real truncation', () => {
    const streamed = wav({ frames: 16_000, declared: 0xffffffff });
    expect(sniffAudioContainer(streamed)).toMatchObject({ truncatedBy: null, wav: { dataBytes: 32_000 } });
    const cut = wav({ frames: 16_000, declared: 64_000 });
    expect(cutOf(cut)).toMatch(/declares 64000 bytes but only 32000/);
  });

  it('says what is missing from a cut-off header', () => {
    expect(cutOf(text('RIFF\0\0\0\0WAVE', 12))).toMatch(/no data chunk/);
    expect(cutOf(text('fLaC', 20))).toMatch(/STREAMINFO/);
    expect(cutOf(text('ID3\u0004\0\0\0\0\u0010\0', 20))).toMatch(/ID3 tag/);
    // A head of a longer file whose tag runs past it is not truncated: the frames are just further on.
    expect(cutOf(text('ID3\u0004\0\0\0\0\u0010\0', 20), 100_000)).toBeNull();
  });

  it('wants an end-of-stream page in a whole Ogg file, not in a head', () => {
    const page = text('OggS', 28);
    page[5] = 0x02; // beginning of stream only
    expect(cutOf(page)).toMatch(/end-of-stream/);
    expect(cutOf(page, 10_000)).toBeNull();
    page[5] = 0x06;
    expect(cutOf(page)).toBeNull();
  });
});
