import type { AnalysisFailureCode, AnalysisStage, VoiceTypeLabel } from '@orak/core';
import { defineMessages } from '../defineMessages';

// What the local analysis says while it runs and when it ends, and the voice types by name (Range, Results).

export const analysisMessages = defineMessages(
  {
    stage: (stage: AnalysisStage) =>
      ({
        queued: 'Waiting to start…',
        decode: 'Reading the audio…',
        pitch: 'Following your pitch…',
        analysis: 'Working out your range and voice…',
        recommend: 'Finding songs that fit…',
      })[stage],
    failure: (code: AnalysisFailureCode) =>
      ({
        'not-found': 'The take’s audio file is missing.',
        empty: 'The take’s audio file is empty.',
        'too-large': 'The take is too large to analyse.',
        'not-audio': 'The take is not an audio file.',
        truncated: 'The take’s audio file is cut short.',
        undecodable: 'The take’s audio cannot be read.',
        'too-short': 'The take is too short: sing for at least a second.',
        'too-long': 'The take is too long to analyse (over 15 minutes).',
        silent: 'Nothing was heard: check the microphone and its level.',
        'no-singing': 'No held note was found: hold each note for at least a quarter of a second.',
        'worker-crashed': 'The analysis stopped unexpectedly. Try again.',
        internal: 'The analysis failed. Try again.',
      })[code],
    voiceType: (label: VoiceTypeLabel) =>
      ({
        bass: 'Bass',
        baritone: 'Baritone',
        tenor: 'Tenor',
        countertenor: 'Countertenor',
        contralto: 'Contralto',
        'mezzo-soprano': 'Mezzo-soprano',
        soprano: 'Soprano',
      })[label],
    confidence: (share: number) => `${Math.round(share * 100)}% confident`,
    cancel: 'Cancel',
  },
  {
    stage: (stage: AnalysisStage) =>
      ({
        queued: '시작을 기다리는 중…',
        decode: '오디오를 읽는 중…',
        pitch: '음높이를 따라가는 중…',
        analysis: '음역과 목소리를 분석하는 중…',
        recommend: '어울리는 노래를 찾는 중…',
      })[stage],
    failure: (code: AnalysisFailureCode) =>
      ({
        'not-found': '테이크의 오디오 파일이 없습니다.',
        empty: '테이크의 오디오 파일이 비어 있습니다.',
        'too-large': '테이크가 너무 커서 분석할 수 없습니다.',
        'not-audio': '테이크가 오디오 파일이 아닙니다.',
        truncated: '테이크의 오디오 파일이 잘려 있습니다.',
        undecodable: '테이크의 오디오를 읽을 수 없습니다.',
        'too-short': '테이크가 너무 짧습니다. 1초 이상 불러 주세요.',
        'too-long': '테이크가 너무 길어 분석할 수 없습니다(15분 초과).',
        silent: '아무 소리도 들리지 않았습니다. 마이크와 입력 레벨을 확인하세요.',
        'no-singing': '길게 낸 음이 없습니다. 각 음을 0.25초 이상 유지해 주세요.',
        'worker-crashed': '분석이 예기치 않게 멈췄습니다. 다시 시도하세요.',
        internal: '분석에 실패했습니다. 다시 시도하세요.',
      })[code],
    voiceType: (label: VoiceTypeLabel) =>
      ({
        bass: '베이스',
        baritone: '바리톤',
        tenor: '테너',
        countertenor: '카운터테너',
        contralto: '콘트랄토',
        'mezzo-soprano': '메조소프라노',
        soprano: '소프라노',
      })[label],
    confidence: (share: number) => `신뢰도 ${Math.round(share * 100)}%`,
    cancel: '취소',
  },
);
