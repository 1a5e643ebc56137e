import { z } from 'zod';
import {
  AlbumSchema,
  LibraryStatusSchema,
  TakePageSchema,
  TakeQuerySchema,
  TakeRangeSchema,
  TakeSchema,
} from '../library';

// Bridge methods of the offline library: albums and takes.

export const libraryBridgeMethods = {
  'library.status': { request: z.object({}).strict(), response: LibraryStatusSchema },
  'library.albums': { request: z.object({}).strict(), response: z.array(AlbumSchema) },
  'library.createAlbum': {
    request: z.object({ name: z.string().min(1).max(200) }).strict(),
    response: AlbumSchema,
  },
  'library.renameAlbum': {
    request: z.object({ id: z.string(), name: z.string().min(1).max(200) }).strict(),
    response: AlbumSchema,
  },
  'library.deleteAlbum': { request: z.object({ id: z.string() }).strict(), response: z.object({}) },
  'library.reorderAlbums': {
    request: z.object({ orderedIds: z.array(z.string()) }).strict(),
    response: z.array(AlbumSchema),
  },
  'library.queryTakes': { request: TakeQuerySchema.strict(), response: TakePageSchema },
  /** One take as stored now (after an analysis wrote to it, say); null when it is gone. */
  'library.getTake': { request: z.object({ id: z.string() }).strict(), response: TakeSchema.nullable() },
  'library.updateTake': {
    request: z
      .object({
        id: z.string(),
        patch: z
          .object({
            title: z.string().max(300),
            notes: z.string().max(10_000),
            tags: z.array(z.string().max(50)).max(50),
            range: TakeRangeSchema.nullable(),
          })
          .partial()
          .strict(),
      })
      .strict(),
    response: TakeSchema,
  },
  'library.moveTakes': {
    request: z.object({ takeIds: z.array(z.string()).min(1), albumId: z.string().nullable() }).strict(),
    response: z.object({}),
  },
  'library.deleteTake': { request: z.object({ id: z.string() }).strict(), response: z.object({}) },
} as const;
