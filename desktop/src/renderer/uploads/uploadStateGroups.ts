import type { UploadPhase, UploadState } from '@orak/core';

// The cloud's twelve states in five colour groups, so a glance at a badge says how far a take has got.

export type StateGroup = 'waiting' | 'checking' | 'analysing' | 'done' | 'problem';

export const STATE_GROUP: Readonly<Record<UploadState, StateGroup>> = {
  REQUESTED: 'waiting',
  UPLOADED: 'checking',
  VALIDATING: 'checking',
  VALIDATED: 'checking',
  QUEUED: 'checking',
  ANALYZING: 'analysing',
  ANALYZED: 'analysing',
  RECOMMENDING: 'analysing',
  COMPLETED: 'done',
  REJECTED: 'problem',
  FAILED: 'problem',
  EXPIRED: 'problem',
};

/** Which buttons an item offers in each local phase. */
export function actionsFor(phase: UploadPhase): ('pause' | 'resume' | 'retry' | 'cancel' | 'remove')[] {
  switch (phase) {
    case 'queued':
    case 'signing':
    case 'sending':
      return ['pause', 'cancel'];
    case 'retrying':
      return ['retry', 'pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'processing':
      return ['cancel'];
    case 'failed':
    case 'cancelled':
      return ['retry', 'remove'];
    case 'completed':
      return ['remove'];
  }
}

export function percentSent(bytesSent: number, sizeBytes: number): number {
  return sizeBytes === 0 ? 0 : Math.min(100, Math.floor((bytesSent / sizeBytes) * 100));
}

export function formatBytes(bytes: number, language: 'en' | 'ko'): string {
  const locale = language === 'ko' ? 'ko-KR' : 'en';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 0 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
