// The app's screens, in navigation order; the hash route is the id (#/sing).

export type ScreenId = 'sing' | 'range' | 'record' | 'library' | 'uploads' | 'results' | 'settings';

export interface ScreenEntry {
  id: ScreenId;
  title: string;
  koreanTitle: string;
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'sing', title: 'Sing', koreanTitle: '노래하기' },
  { id: 'range', title: 'Range test', koreanTitle: '음역 테스트' },
  { id: 'record', title: 'Record', koreanTitle: '녹음' },
  { id: 'library', title: 'Library', koreanTitle: '보관함' },
  { id: 'uploads', title: 'Uploads', koreanTitle: '업로드' },
  { id: 'results', title: 'Results', koreanTitle: '결과' },
  { id: 'settings', title: 'Settings', koreanTitle: '설정' },
];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.find((screen) => screen.id === id)?.id ?? 'sing';
}
