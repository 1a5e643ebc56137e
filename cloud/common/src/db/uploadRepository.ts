import type {
  Analysis,
  PipelineStage,
  Recommendation,
  UploadActor,
  UploadHistoryEntry,
  UploadState,
} from '@orak/core';
import type { Pool, PoolClient } from './pgPool';
import { canTransition, requiresFailure } from '../uploads/uploadStateMachine';
import { inTransaction } from './transaction';

// Uploads and their history. Every state change is a compare-and-set plus one history row, in one statement.

export interface UploadRecord {
  id: string;
  userId: string;
  bucket: string;
  objectKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  state: UploadState;
  version: number;
  failureStage: PipelineStage | null;
  failureReason: string | null;
  urlExpiresAt: Date;
  objectEtag: string | null;
  objectSize: number | null;
  redrives: number;
  /** Follows the upload through every service's logs and Kafka headers; null for uploads made before traces. */
  traceId: string | null;
  /** Set when the take arrives as an S3 multipart upload. */
  multipart: { s3UploadId: string; partSizeBytes: number } | null;
  recordingId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUpload {
  id: string;
  userId: string;
  bucket: string;
  objectKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  urlExpiresAt: Date;
  traceId?: string;
  multipart?: { s3UploadId: string; partSizeBytes: number };
  recordingId?: string;
}

export interface TransitionRequest {
  /** The state the caller believes the upload is in; the change happens only if it still is. */
  from: UploadState;
  to: UploadState;
  actor: UploadActor;
  detail?: string;
  /** Required when `to` is REJECTED, FAILED or EXPIRED. */
  failure?: { stage: PipelineStage; reason: string };
  /** Stricter compare-and-set: also require this version. */
  expectedVersion?: number;
  /** What the object looked like when it arrived (recorded on UPLOADED); sizeBytes null when not reported. */
  object?: { etag: string | null; sizeBytes: number | null };
}

export type TransitionOutcome =
  { applied: true; upload: UploadRecord } | { applied: false; current: UploadRecord | null };

export interface StoredResult {
  analysis: Analysis;
  /** Null until the upload is COMPLETED. */
  recommendations: Recommendation[] | null;
}

/** A row of `uploads` as pg returns it (shared with the cleanup queries). */
export interface UploadRow {
  id: string;
  user_id: string;
  bucket: string;
  object_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  state: UploadState;
  version: number;
  failure_stage: PipelineStage | null;
  failure_reason: string | null;
  url_expires_at: Date;
  object_etag: string | null;
  object_size: number | null;
  redrives: number;
  trace_id: string | null;
  multipart_upload_id: string | null;
  part_size_bytes: number | null;
  recording_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function uploadFromRow(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    userId: row.user_id,
    bucket: row.bucket,
    objectKey: row.object_key,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    state: row.state,
    version: row.version,
    failureStage: row.failure_stage,
    failureReason: row.failure_reason,
    urlExpiresAt: row.url_expires_at,
    objectEtag: row.object_etag,
    objectSize: row.object_size,
    redrives: row.redrives,
    traceId: row.trace_id,
    multipart:
      row.multipart_upload_id !== null && row.part_size_bytes !== null
        ? { s3UploadId: row.multipart_upload_id, partSizeBytes: row.part_size_bytes }
        : null,
    recordingId: row.recording_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class IllegalTransitionError extends Error {
  constructor(from: UploadState, to: UploadState) {
    super(`illegal upload transition ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

/** Told about every transition that was applied (e.g. to count it in a metric). */
export type TransitionObserver = (to: UploadState, actor: UploadActor) => void;

export class UploadRepository {
  constructor(
    private readonly pool: Pool,
    private readonly onTransition: TransitionObserver = () => undefined,
  ) {}

  /** Creates an upload in REQUESTED with its first history row. */
  async create(upload: NewUpload, actor: UploadActor = 'api'): Promise<UploadRecord> {
    const { rows } = await this.pool.query<UploadRow>(
      `WITH created AS (
         INSERT INTO uploads (id, user_id, bucket, object_key, file_name, content_type, size_bytes, state, url_expires_at,
                              trace_id, multipart_upload_id, part_size_bytes, recording_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'REQUESTED', $8, $10, $11, $12, $13)
         RETURNING *
       ), logged AS (
         INSERT INTO upload_history (upload_id, version, from_state, state, actor, detail)
         SELECT id, version, NULL, state, $9,
                CASE WHEN $11::text IS NULL THEN 'presigned request issued' ELSE 'multipart upload started' END
           FROM created
       )
       SELECT * FROM created`,
      [
        upload.id,
        upload.userId,
        upload.bucket,
        upload.objectKey,
        upload.fileName,
        upload.contentType,
        upload.sizeBytes,
        upload.urlExpiresAt,
        actor,
        upload.traceId ?? null,
        upload.multipart?.s3UploadId ?? null,
        upload.multipart?.partSizeBytes ?? null,
        upload.recordingId ?? null,
      ],
    );
    this.onTransition('REQUESTED', actor);
    return uploadFromRow(rows[0]!);
  }

  async findById(id: string): Promise<UploadRecord | null> {
    const { rows } = await this.pool.query<UploadRow>('SELECT * FROM uploads WHERE id = $1', [id]);
    return rows[0] ? uploadFromRow(rows[0]) : null;
  }

  /** Only the owner's upload: another user's id reads as not found. */
  async findOwned(id: string, userId: string): Promise<UploadRecord | null> {
    const { rows } = await this.pool.query<UploadRow>(
      'SELECT * FROM uploads WHERE id = $1 AND user_id = $2',
      [id, userId],
    );
    return rows[0] ? uploadFromRow(rows[0]) : null;
  }

  /** Pushes the REQUESTED deadline out to `until` (never earlier): each part URL signed keeps the upload open. */
  async extendUrlExpiry(id: string, until: Date): Promise<void> {
    await this.pool.query(
      `UPDATE uploads SET url_expires_at = GREATEST(url_expires_at, $2) WHERE id = $1 AND state = 'REQUESTED'`,
      [id, until],
    );
  }

  async findByObject(bucket: string, objectKey: string): Promise<UploadRecord | null> {
    const { rows } = await this.pool.query<UploadRow>(
      'SELECT * FROM uploads WHERE bucket = $1 AND object_key = $2',
      [bucket, objectKey],
    );
    return rows[0] ? uploadFromRow(rows[0]) : null;
  }

  async listByUser(userId: string, limit: number, state?: UploadState): Promise<UploadRecord[]> {
    const { rows } = await this.pool.query<UploadRow>(
      `SELECT * FROM uploads WHERE user_id = $1 AND ($2::text IS NULL OR state = $2)
       ORDER BY created_at DESC LIMIT $3`,
      [userId, state ?? null, limit],
    );
    return rows.map(uploadFromRow);
  }

  async history(id: string): Promise<UploadHistoryEntry[]> {
    const { rows } = await this.pool.query<{
      state: UploadState;
      at: Date;
      actor: UploadActor;
      detail: string | null;
    }>('SELECT state, at, actor, detail FROM upload_history WHERE upload_id = $1 ORDER BY version', [id]);
    return rows.map((row) => ({
      state: row.state,
      at: row.at.toISOString(),
      actor: row.actor,
      detail: row.detail,
    }));
  }

  /**
   * Compare-and-set: moves the upload only if it is still in `from` (and at `expectedVersion` when given).
   * A duplicate or late request finds another state and changes nothing.
   */
  async transition(
    id: string,
    request: TransitionRequest,
    db: Queryable = this.pool,
  ): Promise<TransitionOutcome> {
    if (!canTransition(request.from, request.to)) throw new IllegalTransitionError(request.from, request.to);
    if (requiresFailure(request.to) !== (request.failure !== undefined)) {
      throw new Error(
        `transition to ${request.to} ${requiresFailure(request.to) ? 'needs' : 'must not have'} a failure`,
      );
    }
    const { rows } = await db.query<UploadRow>(
      `WITH moved AS (
         UPDATE uploads
            SET state = $3, version = version + 1, updated_at = clock_timestamp(),
                failure_stage = $6, failure_reason = $7,
                object_etag = COALESCE($9, object_etag), object_size = COALESCE($10, object_size)
          WHERE id = $1 AND state = $2 AND ($8::int IS NULL OR version = $8)
          RETURNING *
       ), logged AS (
         INSERT INTO upload_history (upload_id, version, from_state, state, actor, detail)
         SELECT id, version, $2, state, $4, $5 FROM moved
       )
       SELECT * FROM moved`,
      [
        id,
        request.from,
        request.to,
        request.actor,
        request.detail ?? request.failure?.reason ?? null,
        request.failure?.stage ?? null,
        request.failure?.reason ?? null,
        request.expectedVersion ?? null,
        request.object?.etag ?? null,
        request.object?.sizeBytes ?? null,
      ],
    );
    if (rows[0]) {
      this.onTransition(request.to, request.actor);
      return { applied: true, upload: uploadFromRow(rows[0]) };
    }
    const current = 'release' in db ? null : await this.findById(id);
    return { applied: false, current };
  }

  /** Stores the analysis (once per upload) and moves ANALYZING -> ANALYZED in one transaction. */
  async recordAnalysis(id: string, analysis: Analysis, actor: UploadActor): Promise<TransitionOutcome> {
    return this.inTransaction(id, async (client) => {
      const outcome = await this.transition(id, { from: 'ANALYZING', to: 'ANALYZED', actor }, client);
      if (outcome.applied) {
        await client.query(
          `INSERT INTO results (upload_id, user_id, analysis) VALUES ($1, $2, $3) ON CONFLICT (upload_id) DO NOTHING`,
          [id, outcome.upload.userId, JSON.stringify(analysis)],
        );
      }
      return outcome;
    });
  }

  /** Stores the recommendations and moves RECOMMENDING -> COMPLETED in one transaction. */
  async complete(
    id: string,
    recommendations: Recommendation[],
    actor: UploadActor,
  ): Promise<TransitionOutcome> {
    return this.inTransaction(id, async (client) => {
      const outcome = await this.transition(id, { from: 'RECOMMENDING', to: 'COMPLETED', actor }, client);
      if (outcome.applied) {
        await client.query('UPDATE results SET recommendations = $2 WHERE upload_id = $1', [
          id,
          JSON.stringify(recommendations),
        ]);
      }
      return outcome;
    });
  }

  private async inTransaction(
    id: string,
    work: (client: PoolClient) => Promise<TransitionOutcome>,
  ): Promise<TransitionOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const outcome = await work(client);
      await client.query('COMMIT');
      return outcome.applied ? outcome : { applied: false, current: await this.findById(id) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs `work` in one transaction; pass its client to transition() and markRedriven() to include them. */
  atomically<T>(work: (db: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async result(id: string): Promise<StoredResult | null> {
    const { rows } = await this.pool.query<{ analysis: Analysis; recommendations: Recommendation[] | null }>(
      'SELECT analysis, recommendations FROM results WHERE upload_id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** Operator replay of a dead letter: FAILED -> UPLOADED (see REPLAY_TRANSITIONS), clearing the failure. */
  async reopenForReplay(id: string, detail: string): Promise<TransitionOutcome> {
    const { rows } = await this.pool.query<UploadRow>(
      `WITH moved AS (
         UPDATE uploads
            SET state = 'UPLOADED', version = version + 1, updated_at = clock_timestamp(),
                failure_stage = NULL, failure_reason = NULL, redrives = 0
          WHERE id = $1 AND state = 'FAILED'
          RETURNING *
       ), logged AS (
         INSERT INTO upload_history (upload_id, version, from_state, state, actor, detail)
         SELECT id, version, 'FAILED', state, 'replay', $2 FROM moved
       )
       SELECT * FROM moved`,
      [id, detail],
    );
    if (!rows[0]) return { applied: false, current: await this.findById(id) };
    this.onTransition('UPLOADED', 'replay');
    return { applied: true, upload: uploadFromRow(rows[0]) };
  }

  /** Uploads per state, and the age of the oldest live one (for the reconciler's gauges). */
  async countLive(): Promise<{ byState: Record<string, number>; oldestNonTerminalAgeSeconds: number }> {
    const { rows } = await this.pool.query<{ state: string; n: number; oldest: number | null }>(
      `SELECT state, count(*)::int AS n,
              extract(epoch FROM now() - min(updated_at) FILTER (
                WHERE state NOT IN ('COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED')))::float8 AS oldest
         FROM uploads GROUP BY state`,
    );
    const byState: Record<string, number> = {};
    let oldest = 0;
    for (const row of rows) {
      byState[row.state] = row.n;
      oldest = Math.max(oldest, row.oldest ?? 0);
    }
    return { byState, oldestNonTerminalAgeSeconds: oldest };
  }

  /** Live uploads whose last change is older than `olderThan` (the reconciler's work list). */
  async findStale(states: readonly UploadState[], olderThan: Date, limit: number): Promise<UploadRecord[]> {
    const { rows } = await this.pool.query<UploadRow>(
      `SELECT * FROM uploads WHERE state = ANY($1::text[]) AND updated_at < $2 ORDER BY updated_at LIMIT $3`,
      [states, olderThan, limit],
    );
    return rows.map(uploadFromRow);
  }

  /**
   * Counts a re-drive with a history row (same state, actor and reason), bumping the version and updated_at so
   * the same upload is not re-driven on every pass. Applies only if nothing moved it meanwhile.
   */
  async markRedriven(
    id: string,
    expected: { state: UploadState; version: number },
    reason: string,
    db: Queryable = this.pool,
  ): Promise<boolean> {
    const { rows } = await db.query<{ id: string }>(
      `WITH bumped AS (
         UPDATE uploads SET redrives = redrives + 1, version = version + 1, updated_at = clock_timestamp()
          WHERE id = $1 AND state = $2 AND version = $3
          RETURNING id, version, state
       ), logged AS (
         INSERT INTO upload_history (upload_id, version, from_state, state, actor, detail)
         SELECT id, version, state, state, 'reconciler', $4 FROM bumped
       )
       SELECT id FROM bumped`,
      [id, expected.state, expected.version, reason],
    );
    return rows.length === 1;
  }
}
