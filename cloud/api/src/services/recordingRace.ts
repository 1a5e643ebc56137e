import { notFound } from '../http/apiError';

// An upload names its recording; if the recording is deleted between the ownership check and the insert, the
// foreign key refuses the row: the caller hears what it would have heard a moment later, 404 recording.

const FOREIGN_KEY_VIOLATION = '23503';

export async function recordingGoneAsNotFound<T>(insert: Promise<T>): Promise<T> {
  try {
    return await insert;
  } catch (error) {
    const pgError = error as { code?: unknown; constraint?: unknown };
    if (pgError.code === FOREIGN_KEY_VIOLATION && pgError.constraint === 'uploads_recording_id_fkey') {
      throw notFound('recording');
    }
    throw error;
  }
}
