import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DESKTOP_SETTINGS, DesktopSettingsSchema, type DesktopSettings } from '@orak/core';
import { writeFileAtomic } from '../storage/atomicWrite';

// The singer's preferences, one JSON file in the app's data folder; unknown or broken fields fall back to defaults.

export interface SettingsStore {
  get(): Promise<DesktopSettings>;
  update(patch: Partial<DesktopSettings>): Promise<DesktopSettings>;
}

export const SETTINGS_FILE = 'settings.json';

export function createSettingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, SETTINGS_FILE);
  let cached: DesktopSettings | null = null;
  // Serialise updates so two quick changes cannot interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<DesktopSettings> {
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return (cached = { ...DEFAULT_DESKTOP_SETTINGS });
      throw error;
    }
    cached = parseSettings(text);
    if (!cached) {
      // Keep the unreadable file for inspection instead of overwriting it silently.
      await rename(path, `${path}.corrupt-${Date.now()}`);
      cached = { ...DEFAULT_DESKTOP_SETTINGS };
    }
    return cached;
  }

  return {
    get: () => load(),
    update(patch) {
      const next = queue.then(async () => {
        const merged = DesktopSettingsSchema.parse({ ...(await load()), ...patch });
        await mkdir(dataDir, { recursive: true });
        await writeFileAtomic(path, `${JSON.stringify(merged, null, 2)}\n`);
        cached = merged;
        return merged;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** Valid fields are kept one by one, so one bad value does not cost the singer every other preference. */
function parseSettings(text: string): DesktopSettings | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const settings: DesktopSettings = { ...DEFAULT_DESKTOP_SETTINGS };
  const shape = DesktopSettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof DesktopSettings)[]) {
    const field = shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (field.success) Object.assign(settings, { [key]: field.data });
  }
  return settings;
}
