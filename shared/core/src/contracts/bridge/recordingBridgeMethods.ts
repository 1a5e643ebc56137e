import { z } from 'zod';
import { TakeSchema } from '../library';

// Bridge methods of recording: raw PCM streamed from the renderer into a crash-safe take file, then the library.

/** One append's audio: little-endian float32 interleaved frames, base64 (envelopes cross as JSON). */
const MAX_APPEND_BASE64 = 4 * 1024 * 1024;

export const recordingBridgeMethods = {
  'recording.begin': {
    request: z
      .object({
        sampleRate: z.number().int().min(8000).max(192_000),
        channels: z.number().int().min(1).max(2),
      })
      .strict(),
    /** maxFrames: the most the take may hold (its file stays under the 100 MB upload and analysis limit). */
    response: z.object({ recordingId: z.string().min(1), maxFrames: z.number().int().positive() }),
  },
  'recording.append': {
    request: z
      .object({
        recordingId: z.string().min(1).max(200),
        /** Frames the renderer sent before this chunk: a gap or repeat is refused, never written. */
        startFrame: z.number().int().nonnegative(),
        pcm: z
          .string()
          .max(MAX_APPEND_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    response: z.object({ frames: z.number().int().nonnegative() }),
  },
  /** Seals the file and adds it to the library as a take. */
  'recording.finish': {
    request: z
      .object({
        recordingId: z.string().min(1).max(200),
        title: z.string().min(1).max(300),
        albumId: z.string().min(1).nullable().optional(),
        tags: z.array(z.string().max(50)).max(50).optional(),
      })
      .strict(),
    response: TakeSchema,
  },
  'recording.discard': {
    request: z.object({ recordingId: z.string().min(1).max(200) }).strict(),
    response: z.object({}),
  },
  /** Takes a crash interrupted last time, recovered into the library on this start. */
  'recording.recovered': { request: z.object({}).strict(), response: z.array(TakeSchema) },
} as const;
