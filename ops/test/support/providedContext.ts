import type {} from 'vitest';
import type { StackSettings } from '../../src/stackSettings';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Settings of the real services started once per integration run. */
    services: StackSettings;
    /** X display started for the browser project (headful Chromium). */
    display: string;
    chromiumPath: string;
  }
}
