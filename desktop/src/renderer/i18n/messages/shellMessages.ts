import type { ScreenId } from '../../screens/screenCatalog';
import { defineMessages } from '../defineMessages';

// The navigation shell: screen names and the footer.

export const shellMessages = defineMessages(
  {
    screens: 'Screens',
    desktop: 'Desktop',
    browser: 'Browser',
    bridgeError: (message: string) => `Bridge: ${message}`,
    screen: (id: ScreenId) =>
      ({
        sing: 'Sing',
        range: 'Range test',
        record: 'Record',
        library: 'Library',
        uploads: 'Uploads',
        results: 'Results',
        settings: 'Settings',
      })[id],
  },
  {
    screens: '화면',
    desktop: '데스크톱',
    browser: '브라우저',
    bridgeError: (message: string) => `브리지 오류: ${message}`,
    screen: (id: ScreenId) =>
      ({
        sing: '노래하기',
        range: '음역 테스트',
        record: '녹음',
        library: '보관함',
        uploads: '업로드',
        results: '결과',
        settings: '설정',
      })[id],
  },
);
