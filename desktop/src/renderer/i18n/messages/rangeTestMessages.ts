import { defineMessages } from '../defineMessages';
import type { RangeStepId } from '../../screens/rangeTestSteps';

// The guided range test: its steps, the analysis that follows, and the result.

export const rangeTestMessages = defineMessages(
  {
    title: 'Range test',
    intro:
      'Four short steps, about half a minute. Sing on an open “ah”, at a comfortable volume, close to the microphone.',
    begin: 'Begin the test',
    starting: 'Opening microphone…',
    next: 'Next step',
    finish: 'Finish',
    stop: 'Stop',
    stepOf: (index: number, count: number) => `Step ${index} of ${count}`,
    stepTitle: (step: RangeStepId) =>
      ({
        comfortable: 'Hold a comfortable note',
        low: 'Slide down to your lowest note',
        high: 'Slide up to your highest note',
        phrase: 'Sing a short phrase',
      })[step],
    stepHelp: (step: RangeStepId) =>
      ({
        comfortable: 'Pick a note that feels easy, in the middle of your voice, and hold it steadily.',
        low: 'From there, slide down slowly. At the bottom, hold the lowest note you can still sing clearly.',
        high: 'Now slide slowly all the way up. Hold the highest clear note for about two seconds. No strain.',
        phrase: 'Sing a line of any song you like, the way you would at karaoke.',
      })[step],
    secondsLeft: (seconds: number) => `${seconds} s`,
    analysing: 'Analysing your voice on this computer…',
    resultTitle: 'Your range',
    voiceType: 'Voice type',
    range: 'Range',
    comfortable: 'Comfortable range',
    semitones: (count: number) => `${count} semitones`,
    seeSongs: 'See songs that fit your voice',
    again: 'Take the test again',
    takeTitle: (stamp: string) => `Range test ${stamp}`,
    failed: 'The range could not be worked out.',
    permissionRefused: 'Microphone permission was refused.',
    noMicrophone: 'No microphone was found.',
  },
  {
    title: '음역 테스트',
    intro: '짧은 네 단계, 약 30초입니다. 편한 크기의 “아” 소리로, 마이크 가까이에서 불러 주세요.',
    begin: '테스트 시작',
    starting: '마이크 여는 중…',
    next: '다음 단계',
    finish: '마치기',
    stop: '멈추기',
    stepOf: (index: number, count: number) => `${count}단계 중 ${index}단계`,
    stepTitle: (step: RangeStepId) =>
      ({
        comfortable: '편한 음을 길게 내기',
        low: '가장 낮은 음까지 내려가기',
        high: '가장 높은 음까지 올라가기',
        phrase: '짧은 소절 부르기',
      })[step],
    stepHelp: (step: RangeStepId) =>
      ({
        comfortable: '목소리 가운데쯤의 편한 음을 골라 흔들림 없이 길게 내세요.',
        low: '그 음에서 천천히 내려가세요. 맨 아래에서 또렷하게 낼 수 있는 가장 낮은 음을 유지하세요.',
        high: '이제 천천히 끝까지 올라가세요. 또렷한 가장 높은 음을 2초쯤 유지하세요. 무리하지 마세요.',
        phrase: '좋아하는 노래의 한 소절을 노래방에서처럼 불러 보세요.',
      })[step],
    secondsLeft: (seconds: number) => `${seconds}초`,
    analysing: '이 컴퓨터에서 목소리를 분석하는 중…',
    resultTitle: '나의 음역',
    voiceType: '성부',
    range: '음역',
    comfortable: '편한 음역',
    semitones: (count: number) => `${count}반음`,
    seeSongs: '내 목소리에 맞는 노래 보기',
    again: '다시 테스트하기',
    takeTitle: (stamp: string) => `음역 테스트 ${stamp}`,
    failed: '음역을 알아내지 못했습니다.',
    permissionRefused: '마이크 권한이 거부되었습니다.',
    noMicrophone: '마이크를 찾을 수 없습니다.',
  },
);
