import { z } from 'zod';

// Stretches of a take (seconds from its start) where the singer sang where they are comfortable: a range
// test's comfortable-note and phrase steps. The tessitura comes from these alone, not the slides between.

export const TessituraWindowSchema = z
  .object({ startSec: z.number().nonnegative(), endSec: z.number().positive() })
  .refine((window) => window.endSec > window.startSec, { message: 'a window must end after it starts' });
export type TessituraWindow = z.infer<typeof TessituraWindowSchema>;

/** A handful at most: one per step of a guided test. */
export const TessituraWindowsSchema = z.array(TessituraWindowSchema).min(1).max(16);
