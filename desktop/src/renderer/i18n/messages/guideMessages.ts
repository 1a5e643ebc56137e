import { defineMessages } from '../defineMessages';

// The song guide on the Sing screen: which song, in which key, and how well it is being sung.

export const guideMessages = defineMessages(
  {
    singing: 'Singing along to',
    keyShift: (shift: number) => (shift === 0 ? 'original key' : `key ${shift > 0 ? '+' : ''}${shift}`),
    score: 'In tune',
    scoreHelp: 'Share of your singing within 50 cents of the song’s note',
    noScore: '–',
    noNotes: 'This song has no melody to follow: sing it from memory.',
    startHint: 'Press Start listening: the first note comes after three seconds.',
    close: 'Close guide',
  },
  {
    singing: '따라 부르는 노래',
    keyShift: (shift: number) => (shift === 0 ? '원래 키' : `키 ${shift > 0 ? '+' : ''}${shift}`),
    score: '음정 정확도',
    scoreHelp: '노래의 음에서 50센트 안에 든 비율',
    noScore: '–',
    noNotes: '따라갈 멜로디가 없는 노래입니다. 기억대로 불러 보세요.',
    startHint: '듣기 시작을 누르세요. 3초 뒤 첫 음이 나옵니다.',
    close: '가이드 닫기',
  },
);
