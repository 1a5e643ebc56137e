import { z } from 'zod';
import { F0TrackSchema } from '../analysis';

// Bridge methods that serve one take's media to the Library: waveform peaks, pitch curve and the audio itself.

/** Min/max of the samples in each of `min.length` equal buckets spanning the whole take, in -1..1. */
export const WaveformLevelSchema = z
  .object({
    buckets: z.number().int().positive(),
    min: z.array(z.number().min(-1).max(1)),
    max: z.array(z.number().min(-1).max(1)),
  })
  .refine((level) => level.min.length === level.buckets && level.max.length === level.buckets, {
    message: 'a waveform level needs one min and one max per bucket',
  });
export type WaveformLevel = z.infer<typeof WaveformLevelSchema>;

export const WaveformPeaksSchema = z.object({
  durationSec: z.number().nonnegative(),
  sampleRate: z.number().int().positive(),
  /** Coarsest first: a painter picks the first level with at least as many buckets as it has pixels. */
  levels: z.array(WaveformLevelSchema).min(1),
});
export type WaveformPeaks = z.infer<typeof WaveformPeaksSchema>;

/** Why a take's media cannot be served: its file is gone, or it is not audio this app can read. */
export const TakeMediaProblemSchema = z.object({
  status: z.enum(['missing', 'unreadable']),
  message: z.string(),
});
export type TakeMediaProblem = z.infer<typeof TakeMediaProblemSchema>;

export const TAKE_AUDIO_CHUNK_MAX_BYTES = 1024 * 1024;

export const TakeAudioChunkSchema = z.object({
  status: z.literal('ready'),
  mimeType: z.string().min(1),
  totalBytes: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** The chunk's bytes, base64: the bridge carries JSON. */
  base64: z.string(),
});
export type TakeAudioChunk = z.infer<typeof TakeAudioChunkSchema>;

const takeRequest = z.object({ takeId: z.string().min(1) }).strict();

export const takeMediaBridgeMethods = {
  'takeMedia.peaks': {
    request: takeRequest,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('ready'), peaks: WaveformPeaksSchema }),
      TakeMediaProblemSchema,
    ]),
  },
  'takeMedia.pitch': {
    request: takeRequest,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('ready'), pitch: F0TrackSchema }),
      TakeMediaProblemSchema,
    ]),
  },
  'takeMedia.audioChunk': {
    request: z
      .object({
        takeId: z.string().min(1),
        offset: z.number().int().nonnegative(),
        length: z.number().int().min(1).max(TAKE_AUDIO_CHUNK_MAX_BYTES),
      })
      .strict(),
    response: z.discriminatedUnion('status', [TakeAudioChunkSchema, TakeMediaProblemSchema]),
  },
} as const;
