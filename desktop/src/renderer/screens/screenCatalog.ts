// The app's screens, in navigation order; the hash route is the id (#/sing); names are in i18n/messages/shellMessages.

export type ScreenId = 'sing' | 'range' | 'record' | 'library' | 'uploads' | 'results' | 'settings';

export interface ScreenEntry {
  id: ScreenId;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'sing' },
  { id: 'range' },
  { id: 'record' },
  { id: 'library' },
  { id: 'uploads' },
  { id: 'results' },
  { id: 'settings' },
];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.find((screen) => screen.id === id)?.id ?? 'sing';
}
