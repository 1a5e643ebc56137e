// A take that decoded fine but holds nothing to analyse (e.g. speech or noise only): refused, never guessed.

export type AnalysisErrorReason = 'no-singing';

export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';

  constructor(
    readonly reason: AnalysisErrorReason,
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail} (${reason})`);
  }
}
