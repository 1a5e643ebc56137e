// Every way a take can be refused, as a code a caller can branch on and a message a person can read.

export type DecodeErrorReason =
  | 'not-found'
  | 'empty'
  | 'too-large'
  | 'not-audio'
  | 'truncated'
  | 'undecodable'
  | 'too-short'
  | 'too-long'
  | 'silent';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    readonly reason: DecodeErrorReason,
    readonly file: string,
    /** The reason in words, without the file name or code (for callers that name the file their own way). */
    readonly detail: string,
  ) {
    super(`${file}: ${detail} (${reason})`);
  }
}
