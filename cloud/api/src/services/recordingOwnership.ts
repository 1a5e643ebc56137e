import type { LibraryRepository } from '@orak/cloud-common';
import { notFound } from '../http/apiError';

// A take may name the cloud recording it belongs to: only one of the caller's own.

export class RecordingOwnership {
  constructor(private readonly library: Pick<LibraryRepository, 'ownsRecording'>) {}

  /** Someone else's recording reads exactly like one that does not exist. */
  async require(userId: string, recordingId: string | undefined): Promise<void> {
    if (recordingId !== undefined && !(await this.library.ownsRecording(userId, recordingId))) {
      throw notFound('recording');
    }
  }
}
