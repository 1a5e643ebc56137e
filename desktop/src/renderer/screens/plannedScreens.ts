import type { ScreenId } from './screenCatalog';

// What each screen not yet built will hold (issue 5), shown in place so the app's shape is visible now.

export interface PlannedScreenInfo {
  title: string;
  summary: string;
  features: string[];
}

export const PLANNED_SCREENS: Record<
  Exclude<ScreenId, 'sing' | 'settings' | 'library'>,
  PlannedScreenInfo
> = {
  range: {
    title: 'Range test',
    summary: 'A guided test that finds your real range and where your voice is comfortable.',
    features: [
      'Hold a comfortable note, slide down to your lowest, up to your highest, then sing a short phrase',
      'Your range and comfortable range drawn on a piano keyboard',
      'Your voice type, worked out offline by the shared analysis engine',
    ],
  },
  record: {
    title: 'Record',
    summary: 'Record takes losslessly at the device sample rate.',
    features: [
      'Time and level while recording; keep or discard',
      'Never lost: audio is written as it is captured and recovered after a crash',
    ],
  },
  uploads: {
    title: 'Uploads',
    summary: 'Send takes to the cloud for analysis; the queue survives restarts.',
    features: [
      'Progress, pause, resume, retry with backoff, cancel',
      "Each take's cloud state, live",
      'Files over 100 MB refused before a byte is sent',
    ],
  },
  results: {
    title: 'Results',
    summary: 'What you sing well, and songs that fit.',
    features: [
      'Range, comfortable range, voice type and timbre',
      'Recommended songs with fit score, karaoke key shift and the reason',
      '"Sing this" opens the melody on the Sing screen as a guide',
    ],
  },
};
