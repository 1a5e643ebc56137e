import type { Pool } from './pgPool';

// Albums and recordings. Every query is scoped by user id: another user's row reads as absent.

export interface AlbumRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface RecordingRecord {
  id: string;
  title: string;
  albumId: string | null;
  createdAt: Date;
}

interface RecordingRow {
  id: string;
  title: string;
  album_id: string | null;
  created_at: Date;
}

const toRecording = (row: RecordingRow): RecordingRecord => ({
  id: row.id,
  title: row.title,
  albumId: row.album_id,
  createdAt: row.created_at,
});

export class LibraryRepository {
  constructor(private readonly pool: Pool) {}

  async createAlbum(userId: string, id: string, name: string): Promise<AlbumRecord> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: Date }>(
      'INSERT INTO albums (id, user_id, name) VALUES ($1, $2, $3) RETURNING id, name, created_at',
      [id, userId, name],
    );
    return { id: rows[0]!.id, name: rows[0]!.name, createdAt: rows[0]!.created_at };
  }

  async listAlbums(userId: string): Promise<AlbumRecord[]> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: Date }>(
      'SELECT id, name, created_at FROM albums WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  async ownsAlbum(userId: string, albumId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM albums WHERE id = $1 AND user_id = $2', [
      albumId,
      userId,
    ]);
    return rowCount === 1;
  }

  async ownsRecording(userId: string, recordingId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM recordings WHERE id = $1 AND user_id = $2', [
      recordingId,
      userId,
    ]);
    return rowCount === 1;
  }

  async renameAlbum(userId: string, albumId: string, name: string): Promise<AlbumRecord | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: Date }>(
      'UPDATE albums SET name = $3 WHERE id = $1 AND user_id = $2 RETURNING id, name, created_at',
      [albumId, userId, name],
    );
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  /** Deletes the album; its recordings stay, outside any album. */
  async deleteAlbum(userId: string, albumId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM albums WHERE id = $1 AND user_id = $2', [
      albumId,
      userId,
    ]);
    return rowCount === 1;
  }

  async createRecording(
    userId: string,
    id: string,
    title: string,
    albumId: string | null,
  ): Promise<RecordingRecord> {
    const { rows } = await this.pool.query<RecordingRow>(
      `INSERT INTO recordings (id, user_id, title, album_id) VALUES ($1, $2, $3, $4)
       RETURNING id, title, album_id, created_at`,
      [id, userId, title, albumId],
    );
    return toRecording(rows[0]!);
  }

  async listRecordings(userId: string, albumId?: string): Promise<RecordingRecord[]> {
    const { rows } = await this.pool.query<RecordingRow>(
      `SELECT id, title, album_id, created_at FROM recordings
        WHERE user_id = $1 AND ($2::uuid IS NULL OR album_id = $2) ORDER BY created_at, id`,
      [userId, albumId ?? null],
    );
    return rows.map(toRecording);
  }

  async updateRecording(
    userId: string,
    recordingId: string,
    change: { title?: string; albumId?: string | null },
  ): Promise<RecordingRecord | null> {
    const { rows } = await this.pool.query<RecordingRow>(
      `UPDATE recordings
          SET title = COALESCE($3, title),
              album_id = CASE WHEN $4::boolean THEN $5::uuid ELSE album_id END
        WHERE id = $1 AND user_id = $2
        RETURNING id, title, album_id, created_at`,
      [recordingId, userId, change.title ?? null, change.albumId !== undefined, change.albumId ?? null],
    );
    return rows[0] ? toRecording(rows[0]) : null;
  }

  async deleteRecording(userId: string, recordingId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM recordings WHERE id = $1 AND user_id = $2', [
      recordingId,
      userId,
    ]);
    return rowCount === 1;
  }
}
