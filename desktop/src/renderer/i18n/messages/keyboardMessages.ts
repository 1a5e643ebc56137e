import { defineMessages } from '../defineMessages';

// The piano keyboard that shows a range: its legend and its accessible description.

export const keyboardMessages = defineMessages(
  {
    range: 'Range',
    comfortable: 'Comfortable',
    lowest: 'Lowest',
    highest: 'Highest',
    description: (lowest: string, highest: string, low: string, high: string) =>
      `Piano keyboard: range ${lowest} to ${highest}, comfortable ${low} to ${high}`,
  },
  {
    range: '음역',
    comfortable: '편한 음역',
    lowest: '최저음',
    highest: '최고음',
    description: (lowest: string, highest: string, low: string, high: string) =>
      `피아노 건반: 음역 ${lowest}~${highest}, 편한 음역 ${low}~${high}`,
  },
);
