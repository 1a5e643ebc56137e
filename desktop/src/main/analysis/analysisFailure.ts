import type { AnalysisFailureCode } from '@orak/core';
import { AnalysisError, DecodeError } from '@orak/engine';

// The engine's refusals keep their reason codes; the message says what is wrong with the take in words.

const PLAIN_REASONS: Record<AnalysisFailureCode, string> = {
  'not-found': 'The take’s audio file is missing.',
  empty: 'The take’s audio file is empty.',
  'too-large': 'The take is too large to analyse (over 100 MB).',
  'not-audio': 'The take’s file is not audio (WAV, FLAC, MP3 or OGG).',
  truncated: 'The take’s audio file is cut short.',
  undecodable: 'The take’s audio cannot be decoded.',
  'too-short': 'The take is too short: sing for at least a second.',
  'too-long': 'The take is too long to analyse (over 15 minutes).',
  silent: 'The take is silent: check the microphone.',
  'no-singing': 'No sung note was held long enough: hold each note for at least a quarter of a second.',
  'worker-crashed': 'The analysis stopped unexpectedly.',
  internal: 'The analysis failed.',
};

export interface AnalysisFailure {
  code: AnalysisFailureCode;
  message: string;
}

export function describeFailure(code: AnalysisFailureCode, detail?: string): AnalysisFailure {
  return { code, message: detail ? `${PLAIN_REASONS[code]} (${detail})` : PLAIN_REASONS[code] };
}

export function failureOf(error: unknown): AnalysisFailure {
  if (error instanceof DecodeError || error instanceof AnalysisError) return describeFailure(error.reason);
  return describeFailure('internal', error instanceof Error ? error.message : String(error));
}
