import { randomUUID } from 'node:crypto';
import type { CloudAlbum, CloudRecording } from '@orak/core';
import type { AlbumRecord, LibraryRepository, RecordingRecord } from '@orak/cloud-common';
import { notFound } from '../http/apiError';

// Albums and recordings: create, rename, move, delete, list; each user only ever sees their own.

const album = (a: AlbumRecord): CloudAlbum => ({
  albumId: a.id,
  name: a.name,
  createdAt: a.createdAt.toISOString(),
});
const recording = (r: RecordingRecord): CloudRecording => ({
  recordingId: r.id,
  title: r.title,
  albumId: r.albumId,
  createdAt: r.createdAt.toISOString(),
});

/** Removes a recording with its takes (objects, records, results) atomically; false when there is none. */
export interface RecordingTakes {
  removeRecording(userId: string, recordingId: string): Promise<boolean>;
}

export class LibraryService {
  constructor(
    private readonly library: LibraryRepository,
    private readonly takes: RecordingTakes,
  ) {}

  async createAlbum(userId: string, name: string): Promise<CloudAlbum> {
    return album(await this.library.createAlbum(userId, randomUUID(), name));
  }

  async listAlbums(userId: string): Promise<{ albums: CloudAlbum[] }> {
    return { albums: (await this.library.listAlbums(userId)).map(album) };
  }

  async renameAlbum(userId: string, albumId: string, name: string): Promise<CloudAlbum> {
    const renamed = await this.library.renameAlbum(userId, albumId, name);
    if (!renamed) throw notFound('album');
    return album(renamed);
  }

  async deleteAlbum(userId: string, albumId: string): Promise<void> {
    if (!(await this.library.deleteAlbum(userId, albumId))) throw notFound('album');
  }

  async createRecording(userId: string, title: string, albumId: string | null): Promise<CloudRecording> {
    await this.requireAlbum(userId, albumId);
    return recording(await this.library.createRecording(userId, randomUUID(), title, albumId));
  }

  async listRecordings(userId: string, albumId?: string): Promise<{ recordings: CloudRecording[] }> {
    return { recordings: (await this.library.listRecordings(userId, albumId)).map(recording) };
  }

  async updateRecording(
    userId: string,
    recordingId: string,
    change: { title?: string; albumId?: string | null },
  ): Promise<CloudRecording> {
    if (change.albumId !== undefined) await this.requireAlbum(userId, change.albumId);
    const updated = await this.library.updateRecording(userId, recordingId, change);
    if (!updated) throw notFound('recording');
    return recording(updated);
  }

  async deleteRecording(userId: string, recordingId: string): Promise<void> {
    if (!(await this.takes.removeRecording(userId, recordingId))) throw notFound('recording');
  }

  /** Moving into someone else's album reads exactly like moving into one that does not exist. */
  private async requireAlbum(userId: string, albumId: string | null): Promise<void> {
    if (albumId !== null && !(await this.library.ownsAlbum(userId, albumId))) throw notFound('album');
  }
}
