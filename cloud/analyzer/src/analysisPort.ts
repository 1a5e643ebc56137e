import type { Analysis, PipelineStage, Recommendation } from '@orak/core';

// What the worker needs from the analysis engine; engineAdapter.ts plugs @orak/engine in behind it.

export interface TakeAnalyzer {
  analyze(audio: Uint8Array, fileName: string): Promise<Analysis>;
}

export interface SongRecommender {
  recommend(analysis: Analysis): Promise<Recommendation[]>;
}

/** The take itself is unacceptable (not audio, too short, no singing): retrying cannot help. */
export class TakeRejectedError extends Error {
  constructor(
    readonly stage: PipelineStage,
    readonly reason: string,
  ) {
    super(`${stage}: ${reason}`);
    this.name = 'TakeRejectedError';
  }
}
