import type { TakeMediaProblem, VoiceTypeLabel } from '@orak/core';
import { defineMessages } from '../defineMessages';

// The take detail panel in the Library: waveform, pitch curve, playback, analysis and the singer's notes.

const VOICE_TYPES_EN: Record<VoiceTypeLabel, string> = {
  bass: 'Bass',
  baritone: 'Baritone',
  tenor: 'Tenor',
  countertenor: 'Countertenor',
  contralto: 'Contralto',
  'mezzo-soprano': 'Mezzo-soprano',
  soprano: 'Soprano',
};

const VOICE_TYPES_KO: Record<VoiceTypeLabel, string> = {
  bass: '베이스',
  baritone: '바리톤',
  tenor: '테너',
  countertenor: '카운터테너',
  contralto: '콘트랄토',
  'mezzo-soprano': '메조소프라노',
  soprano: '소프라노',
};

export const takeDetailMessages = defineMessages(
  {
    panel: 'Take detail',
    close: 'Close take',
    title: 'Take title',
    notes: 'Notes',
    notesPlaceholder: 'How did it go? Key, breath, the high note…',
    saved: 'Saved',
    play: 'Play',
    pause: 'Pause',
    waveform: 'Waveform: click to seek',
    pitchCurve: 'Pitch curve over the piano roll: click to seek',
    loadingWaveform: 'Drawing the waveform…',
    loadingPitch: 'Tracking the pitch…',
    loadingAudio: (percent: number) => `Loading audio ${percent}%`,
    noVoice: 'No sung notes found in this take.',
    range: 'Range',
    comfortable: 'Comfortable',
    voiceType: 'Voice type',
    confidence: (percent: number) => `${percent}% sure`,
    analysedBy: (source: 'local' | 'cloud'): string =>
      source === 'local' ? 'Analysed on this computer' : 'Analysed in the cloud',
    sungRange: 'Sung range',
    notAnalysed: 'Not analysed yet: analyse this take to see its range and voice type.',
    analyse: 'Analyse',
    analysing: (percent: number) => `Analysing… ${percent}%`,
    analysisFailed: (message: string) => `Analysis failed: ${message}`,
    problem: (problem: TakeMediaProblem) =>
      problem.status === 'missing'
        ? `The audio file is missing: ${problem.message}`
        : `The audio file cannot be read: ${problem.message}`,
    problemBadge: (status: TakeMediaProblem['status']): string =>
      status === 'missing' ? 'file missing' : 'unreadable',
    voiceTypeName: (label: VoiceTypeLabel) => VOICE_TYPES_EN[label],
  },
  {
    panel: '테이크 상세',
    close: '테이크 닫기',
    title: '테이크 제목',
    notes: '메모',
    notesPlaceholder: '어땠나요? 키, 호흡, 고음…',
    saved: '저장됨',
    play: '재생',
    pause: '일시정지',
    waveform: '파형: 클릭해서 이동',
    pitchCurve: '피아노 롤 위의 음정 곡선: 클릭해서 이동',
    loadingWaveform: '파형을 그리는 중…',
    loadingPitch: '음정을 추적하는 중…',
    loadingAudio: (percent: number) => `오디오 불러오는 중 ${percent}%`,
    noVoice: '이 테이크에서 부른 음을 찾지 못했습니다.',
    range: '음역',
    comfortable: '편한 음역',
    voiceType: '목소리 유형',
    confidence: (percent: number) => `확신도 ${percent}%`,
    analysedBy: (source: 'local' | 'cloud') =>
      source === 'local' ? '이 컴퓨터에서 분석함' : '클라우드에서 분석함',
    sungRange: '부른 음역',
    notAnalysed: '아직 분석하지 않았습니다: 분석하면 음역과 목소리 유형을 볼 수 있습니다.',
    analyse: '분석하기',
    analysing: (percent: number) => `분석 중… ${percent}%`,
    analysisFailed: (message: string) => `분석 실패: ${message}`,
    problem: (problem: TakeMediaProblem) =>
      problem.status === 'missing'
        ? `오디오 파일이 없습니다: ${problem.message}`
        : `오디오 파일을 읽을 수 없습니다: ${problem.message}`,
    problemBadge: (status: TakeMediaProblem['status']) => (status === 'missing' ? '파일 없음' : '읽기 불가'),
    voiceTypeName: (label: VoiceTypeLabel) => VOICE_TYPES_KO[label],
  },
);
