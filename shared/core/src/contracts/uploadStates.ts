import { z } from 'zod';

// The twelve states of an upload's life; the transitions between them live in @orak/cloud-common.

export const UPLOAD_STATES = [
  'REQUESTED',
  'UPLOADED',
  'VALIDATING',
  'VALIDATED',
  'QUEUED',
  'ANALYZING',
  'ANALYZED',
  'RECOMMENDING',
  'COMPLETED',
  'REJECTED',
  'FAILED',
  'EXPIRED',
] as const;

export const UploadStateSchema = z.enum(UPLOAD_STATES);
export type UploadState = z.infer<typeof UploadStateSchema>;

export const TERMINAL_UPLOAD_STATES: ReadonlySet<UploadState> = new Set([
  'COMPLETED',
  'REJECTED',
  'FAILED',
  'EXPIRED',
]);

export function isTerminalUploadState(state: UploadState): boolean {
  return TERMINAL_UPLOAD_STATES.has(state);
}

/** The pipeline stage that was running when an upload ended REJECTED or FAILED. */
export const PipelineStageSchema = z.enum([
  'upload',
  'bridge',
  'intake',
  'validate',
  'analyze',
  'recommend',
  'reconcile',
]);
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** Who moved an upload: recorded on every history row. */
export const UploadActorSchema = z.enum(['api', 'bridge', 'analyzer', 'reconciler', 'replay']);
export type UploadActor = z.infer<typeof UploadActorSchema>;
