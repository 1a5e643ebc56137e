import type { Pool } from './pgPool';
import { inTransaction } from './transaction';
import { uploadFromRow, type UploadRecord, type UploadRow } from './uploadRepository';

// Deleting uploads so that nothing stays behind in storage: every deleted upload leaves a tombstone (its key,
// until its presigned URL expires) in the same statement, and EXPIRED multipart uploads are tracked until their
// stored parts are known dropped.

export interface DeletedUpload {
  uploadId: string;
  bucket: string;
  objectKey: string;
  urlExpiresAt: Date;
}

interface DeletedRow {
  upload_id: string;
  bucket: string;
  object_key: string;
  url_expires_at: Date;
}

const toDeleted = (row: DeletedRow): DeletedUpload => ({
  uploadId: row.upload_id,
  bucket: row.bucket,
  objectKey: row.object_key,
  urlExpiresAt: row.url_expires_at,
});

// Deletes the uploads the CTE `gone` selects and tombstones each, in one statement (history and results cascade).
const DELETE_WITH_TOMBSTONES = (where: string) => `
  WITH gone AS (DELETE FROM uploads WHERE ${where} RETURNING *),
  kept AS (
    INSERT INTO deleted_uploads (upload_id, bucket, object_key, url_expires_at)
    SELECT id, bucket, object_key, url_expires_at FROM gone
    ON CONFLICT (upload_id) DO NOTHING
  )
  SELECT * FROM gone`;

export class UploadCleanupRepository {
  constructor(private readonly pool: Pool) {}

  /** Deletes the owner's upload, leaving a tombstone; the deleted record, or null when there was none. */
  async deleteOwned(id: string, userId: string): Promise<UploadRecord | null> {
    const { rows } = await this.pool.query<UploadRow>(DELETE_WITH_TOMBSTONES('id = $1 AND user_id = $2'), [
      id,
      userId,
    ]);
    return rows[0] ? uploadFromRow(rows[0]) : null;
  }

  /**
   * Deletes a recording with all its uploads in one transaction; the deleted uploads, or null when the user has
   * no such recording. The recording is locked first: an upload being created for it meanwhile either commits
   * before (and is deleted here) or fails its foreign key after, never survives with its recording unset.
   */
  async deleteRecordingWithTakes(userId: string, recordingId: string): Promise<UploadRecord[] | null> {
    return inTransaction(this.pool, async (db) => {
      const locked = await db.query('SELECT 1 FROM recordings WHERE id = $1 AND user_id = $2 FOR UPDATE', [
        recordingId,
        userId,
      ]);
      if (locked.rowCount !== 1) return null;
      // A new statement: its snapshot sees every upload committed while we waited for the lock.
      const { rows } = await db.query<UploadRow>(
        DELETE_WITH_TOMBSTONES('user_id = $1 AND recording_id = $2'),
        [userId, recordingId],
      );
      await db.query('DELETE FROM recordings WHERE id = $1 AND user_id = $2', [recordingId, userId]);
      return rows.map(uploadFromRow);
    });
  }

  /** The tombstone of a deleted upload that had this object key, if any. */
  async findDeletedObject(bucket: string, objectKey: string): Promise<DeletedUpload | null> {
    const { rows } = await this.pool.query<DeletedRow>(
      'SELECT * FROM deleted_uploads WHERE bucket = $1 AND object_key = $2 LIMIT 1',
      [bucket, objectKey],
    );
    return rows[0] ? toDeleted(rows[0]) : null;
  }

  /** Tombstones whose presigned URL expired before `before`: their object can no longer come back. */
  async listExpiredTombstones(before: Date, limit: number): Promise<DeletedUpload[]> {
    const { rows } = await this.pool.query<DeletedRow>(
      'SELECT * FROM deleted_uploads WHERE url_expires_at < $1 ORDER BY url_expires_at LIMIT $2',
      [before, limit],
    );
    return rows.map(toDeleted);
  }

  async forgetTombstone(uploadId: string): Promise<void> {
    await this.pool.query('DELETE FROM deleted_uploads WHERE upload_id = $1', [uploadId]);
  }

  /** Which of these keys an upload record still holds (the rest are orphans in storage). */
  async keysWithRecords(bucket: string, objectKeys: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ object_key: string }>(
      'SELECT object_key FROM uploads WHERE bucket = $1 AND object_key = ANY($2::text[])',
      [bucket, objectKeys],
    );
    return new Set(rows.map((row) => row.object_key));
  }

  /** EXPIRED multipart uploads whose stored parts are not yet known dropped. */
  async listPartsPending(limit: number): Promise<UploadRecord[]> {
    const { rows } = await this.pool.query<UploadRow>(
      `SELECT * FROM uploads
        WHERE state = 'EXPIRED' AND multipart_upload_id IS NOT NULL AND parts_dropped_at IS NULL
        ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map(uploadFromRow);
  }

  async markPartsDropped(id: string): Promise<void> {
    await this.pool.query('UPDATE uploads SET parts_dropped_at = clock_timestamp() WHERE id = $1', [id]);
  }
}
