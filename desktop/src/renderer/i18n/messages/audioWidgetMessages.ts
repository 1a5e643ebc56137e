import { defineMessages } from '../defineMessages';

// Shared audio widgets (device picker, note readout, piano roll), used by Sing and Settings.

export const audioWidgetMessages = defineMessages(
  {
    microphone: 'Microphone',
    systemDefault: 'System default',
    centsOff: 'cents off',
    pitchTrail: 'Pitch trail over a piano roll',
  },
  {
    microphone: '마이크',
    systemDefault: '시스템 기본값',
    centsOff: '음정 차이(센트)',
    pitchTrail: '피아노 롤 위의 음높이 궤적',
  },
);
