import { describe, expect, it } from 'vitest';
import { readWavInfo, sniffAudioContainer } from '../src/audioSniffer';
import { voiceLikeWav } from '../../common/test/wavFixture';

const bytes = (...values: number[]) => {
  const out = new Uint8Array(16);
  out.set(values);
  return out;
};
const text = (s: string) => new Uint8Array([...Buffer.from(s.padEnd(16, '\0'), 'latin1')]);

describe('sniffAudioContainer', () => {
  it('recognises containers by their signatures', () => {
    expect(sniffAudioContainer(new Uint8Array(voiceLikeWav({ seconds: 0.1 })))).toBe('wav');
    expect(sniffAudioContainer(text('fLaC'))).toBe('flac');
    expect(sniffAudioContainer(text('OggS'))).toBe('ogg');
    expect(sniffAudioContainer(text('ID3\u0004'))).toBe('mp3');
    expect(sniffAudioContainer(bytes(0xff, 0xfb, 0x90))).toBe('mp3');
    expect(sniffAudioContainer(text('\0\0\0\u0020ftypM4A '))).toBe('mp4');
    expect(sniffAudioContainer(bytes(0x1a, 0x45, 0xdf, 0xa3))).toBe('webm');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffAudioContainer(text('MZ\u0090\0'))).toBeNull();
    expect(sniffAudioContainer(text('%PDF-1.7'))).toBeNull();
    expect(sniffAudioContainer(text('RIFF\0\0\0\0AVI '))).toBeNull();
    expect(sniffAudioContainer(new Uint8Array(4))).toBeNull();
  });
});

describe('readWavInfo', () => {
  it('reads format and duration from the header', () => {
    const wav = new Uint8Array(voiceLikeWav({ seconds: 2.5, sampleRate: 16_000 }));
    expect(readWavInfo(wav.subarray(0, 4096), wav.length)).toEqual({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      durationSec: 2.5,
    });
  });

  it('bounds a data chunk that claims more than the file holds', () => {
    const wav = new Uint8Array(voiceLikeWav({ seconds: 1, sampleRate: 16_000 }));
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true);
    expect(readWavInfo(wav, wav.length)?.durationSec).toBeCloseTo(1, 5);
  });

  it('returns null without fmt and data chunks', () => {
    expect(readWavInfo(text('RIFF\0\0\0\0WAVE'), 16)).toBeNull();
  });
});
