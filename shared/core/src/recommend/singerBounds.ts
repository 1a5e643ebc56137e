import type { VoiceProfile } from '../contracts/analysis';

/** What the inner loops need about a singer, computed once per query. */
export interface SingerBounds {
  readonly lowest: number;
  readonly highest: number;
  readonly comfortableLow: number;
  readonly comfortableHigh: number;
  readonly centre: number;
  readonly rangeWidth: number;
  readonly comfortWidth: number;
}

export function singerBounds(singer: VoiceProfile): SingerBounds {
  return {
    lowest: singer.lowest,
    highest: singer.highest,
    comfortableLow: singer.comfortableLow,
    comfortableHigh: singer.comfortableHigh,
    centre: (singer.comfortableLow + singer.comfortableHigh) / 2,
    rangeWidth: singer.highest - singer.lowest,
    comfortWidth: singer.comfortableHigh - singer.comfortableLow + 1,
  };
}
