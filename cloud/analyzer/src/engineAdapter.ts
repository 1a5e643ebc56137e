import {
  buildRecommendIndex,
  recommend,
  type Analysis,
  type CatalogueEntry,
  type Recommendation,
  type RecommendIndex,
} from '@orak/core';
import { AnalysisError, DecodeError, analyzeSamples, decodeAudioBytes } from '@orak/engine';
import { TakeRejectedError, type SongRecommender, type TakeAnalyzer } from './analysisPort';

// Plugs the shared analysis engine (the same one the desktop runs offline) into the worker's ports.
// A 3-minute take analyses in about 3 s on one core here, well inside the consumer's 30 s session timeout.

export class EngineTakeAnalyzer implements TakeAnalyzer {
  async analyze(audio: Uint8Array, fileName: string): Promise<Analysis> {
    try {
      const decoded = await decodeAudioBytes(audio, fileName);
      const { analysis } = await analyzeSamples(decoded.samples, decoded.sampleRate, decoded.file);
      return analysis;
    } catch (error) {
      // Bad input is final; anything else (out of memory, a model failing to load) may pass on a retry.
      if (error instanceof DecodeError || error instanceof AnalysisError) {
        throw new TakeRejectedError('analyze', `${error.reason}: ${error.message}`);
      }
      throw error;
    }
  }
}

export class CatalogueRecommender implements SongRecommender {
  private index: Promise<RecommendIndex> | null = null;

  constructor(
    private readonly loadCatalogue: () => Promise<readonly CatalogueEntry[]>,
    private readonly top = 20,
  ) {}

  async recommend(analysis: Analysis): Promise<Recommendation[]> {
    this.index ??= this.loadCatalogue().then(buildRecommendIndex);
    const index = await this.index;
    if (index.songs.length === 0) return [];
    const profile = {
      lowest: analysis.range.lowest.midi,
      highest: analysis.range.highest.midi,
      comfortableLow: analysis.tessitura.low.midi,
      comfortableHigh: analysis.tessitura.high.midi,
    };
    return recommend(index, profile, { top: this.top });
  }
}
