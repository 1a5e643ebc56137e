import type { ErrorCode } from '@orak/core';

// What can go wrong talking to the cloud api, in the terms callers decide on: retry, sign in again, or give up.

/** The api answered with an error (or with something that is not the contract). */
export class CloudApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'bad_response',
    message: string,
  ) {
    super(message);
    this.name = 'CloudApiError';
  }

  /** Worth trying again later: the server had a problem, not the request. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

/** No answer at all: the network, DNS, a refused connection or a timeout. */
export class CloudUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudUnreachableError';
  }
}

/** The HTTP status the api answers each code with, for an error that arrives inside a 200 event stream. */
export function statusOfErrorCode(code: ErrorCode): number {
  switch (code) {
    case 'unauthorized':
    case 'invalid_credentials':
      return 401;
    case 'not_found':
      return 404;
    case 'upload_not_open':
    case 'email_taken':
      return 409;
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
