import { z } from 'zod';

// Bridge methods about the app and its settings.

export const NoteNamingSchema = z.enum(['scientific', 'korean', 'both']);
export type NoteNaming = z.infer<typeof NoteNamingSchema>;

export const SingerVoiceSchema = z.enum(['male', 'female']);
export type SingerVoice = z.infer<typeof SingerVoiceSchema>;

/** A cloud server address: http(s) only, so a pasted javascript: or file: URL is refused. */
export const CloudServerUrlSchema = z.url({ protocol: /^https?$/ }).max(500);

export const DesktopSettingsSchema = z.object({
  /** MediaDeviceInfo.deviceId of the chosen microphone; null = the system default. */
  inputDeviceId: z.string().nullable(),
  noteNaming: NoteNamingSchema,
  language: z.enum(['en', 'ko']),
  /** Measured mic round-trip latency, subtracted from recorded takes; null until calibrated. */
  inputLatencyMs: z.number().min(0).max(1000).nullable(),
  /** The cloud api's address (http or https); null = local only, no cloud. */
  cloudServerUrl: CloudServerUrlSchema.nullable(),
  /** The singer's own word on their voice; pitch alone cannot tell a countertenor from a contralto. */
  singerVoice: SingerVoiceSchema.nullable(),
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  inputDeviceId: null,
  noteNaming: 'both',
  language: 'en',
  inputLatencyMs: null,
  cloudServerUrl: null,
  singerVoice: null,
};

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Where the bridge is served from: the Electron main process, or a stand-in in a plain browser. */
  host: z.enum(['electron', 'browser']),
  dataDir: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** The app itself: who is serving the bridge, and the singer's settings. */
export const appBridgeMethods = {
  'app.info': { request: z.object({}).strict(), response: AppInfoSchema },
  'settings.get': { request: z.object({}).strict(), response: DesktopSettingsSchema },
  'settings.update': { request: DesktopSettingsSchema.partial().strict(), response: DesktopSettingsSchema },
} as const;
