import { TERMINAL_UPLOAD_STATES, type PipelineStage, type UploadState } from '@orak/core';

// The upload state machine as data: every allowed edge, nothing else. Terminal states have no way out.

export const UPLOAD_TRANSITIONS: Readonly<Record<UploadState, readonly UploadState[]>> = {
  REQUESTED: ['UPLOADED', 'REJECTED', 'FAILED', 'EXPIRED'],
  UPLOADED: ['VALIDATING', 'FAILED'],
  VALIDATING: ['VALIDATED', 'REJECTED', 'FAILED'],
  VALIDATED: ['QUEUED', 'FAILED'],
  QUEUED: ['ANALYZING', 'FAILED'],
  ANALYZING: ['ANALYZED', 'REJECTED', 'FAILED'],
  ANALYZED: ['RECOMMENDING', 'FAILED'],
  RECOMMENDING: ['COMPLETED', 'FAILED'],
  COMPLETED: [],
  REJECTED: [],
  FAILED: [],
  EXPIRED: [],
};

/** Forward order along the happy path; used to tell a late event (going backwards) from progress. */
export const HAPPY_PATH: readonly UploadState[] = [
  'REQUESTED',
  'UPLOADED',
  'VALIDATING',
  'VALIDATED',
  'QUEUED',
  'ANALYZING',
  'ANALYZED',
  'RECOMMENDING',
  'COMPLETED',
];

/** Which stage owns each non-terminal state: a failure there records this stage. */
export const STAGE_OF_STATE: Readonly<Record<UploadState, PipelineStage>> = {
  REQUESTED: 'upload',
  UPLOADED: 'bridge',
  VALIDATING: 'validate',
  VALIDATED: 'validate',
  QUEUED: 'analyze',
  ANALYZING: 'analyze',
  ANALYZED: 'recommend',
  RECOMMENDING: 'recommend',
  COMPLETED: 'recommend',
  REJECTED: 'validate',
  FAILED: 'analyze',
  EXPIRED: 'upload',
};

export function canTransition(from: UploadState, to: UploadState): boolean {
  return UPLOAD_TRANSITIONS[from].includes(to);
}

export function isTerminal(state: UploadState): boolean {
  return TERMINAL_UPLOAD_STATES.has(state);
}

/** States a worker may still have to act on (the reconciler watches these). */
export const NON_TERMINAL_STATES: readonly UploadState[] = HAPPY_PATH.filter((state) => !isTerminal(state));

/** Failure states must say which stage failed and why. */
export function requiresFailure(state: UploadState): boolean {
  return state === 'REJECTED' || state === 'FAILED' || state === 'EXPIRED';
}

/**
 * The one way out of a terminal state, and only for an operator replaying a dead letter: FAILED goes back to
 * UPLOADED (recorded with actor "replay"). The pipeline itself never takes this edge.
 */
export const REPLAY_TRANSITIONS: Readonly<Partial<Record<UploadState, UploadState>>> = { FAILED: 'UPLOADED' };
