import type { TakeMediaProblem } from '@orak/core';

// A take's media that cannot be served, and why, in words the Library shows the singer.

export class TakeMediaError extends Error {
  constructor(
    readonly status: TakeMediaProblem['status'],
    message: string,
  ) {
    super(message);
    this.name = 'TakeMediaError';
  }

  toProblem(): TakeMediaProblem {
    return { status: this.status, message: this.message };
  }
}

/** File-system errors in the singer's terms: a file that is gone is "missing", anything else "unreadable". */
export function fileProblem(error: unknown, fileName: string): TakeMediaError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new TakeMediaError(
      'missing',
      `the audio file ${fileName} is missing from the library's takes folder`,
    );
  const reason = error instanceof Error ? error.message : String(error);
  return new TakeMediaError('unreadable', `the audio file ${fileName} cannot be read: ${reason}`);
}
