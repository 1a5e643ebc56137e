import { defineMessages } from '../defineMessages';

// The Sing screen: live pitch, its controls and diagnostics.

export const singMessages = defineMessages(
  {
    title: 'Sing',
    stop: 'Stop',
    startListening: 'Start listening',
    openingMicrophone: 'Opening microphone…',
    permissionRefused: 'Microphone permission was refused.',
    noMicrophone: 'No microphone was found.',
    input: 'Input',
    pitchUpdates: 'Pitch updates',
    screenUpdates: 'Screen updates',
    perSecond: (count: number) => `${count}/s`,
  },
  {
    title: '노래하기',
    stop: '멈추기',
    startListening: '듣기 시작',
    openingMicrophone: '마이크 여는 중…',
    permissionRefused: '마이크 권한이 거부되었습니다.',
    noMicrophone: '마이크를 찾을 수 없습니다.',
    input: '입력',
    pitchUpdates: '음높이 갱신',
    screenUpdates: '화면 갱신',
    perSecond: (count: number) => `${count}회/초`,
  },
);
