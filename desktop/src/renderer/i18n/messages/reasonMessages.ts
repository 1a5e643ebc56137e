import { defineMessages } from '../defineMessages';

// Why a song fits, said from the recommendation's reason parts. Korean avoids particles after note names
// (이/가, 을/를 change with the name's last sound and the naming setting): only 보다 and 에 after them.

const semitones = (count: number) => (count === 1 ? '1 semitone' : `${count} semitones`);

export const reasonMessages = defineMessages(
  {
    label: (shift: number, octave: number) => {
      const key = shift === 0 ? 'original key' : `${shift > 0 ? '+' : ''}${shift}`;
      return octave === 0 ? key : `${key}, ${octave < 0 ? 'an octave down' : 'an octave up'}`;
    },
    who: (singer: number | null) => (singer === null ? 'your' : `singer ${singer}'s`),
    overTop: (label: string, song: string, count: number, who: string, limit: string) =>
      `${label}: top note ${song} is ${semitones(count)} above ${who} ${limit}`,
    underBottom: (label: string, song: string, count: number, who: string, limit: string) =>
      `${label}: low note ${song} is ${semitones(count)} below ${who} ${limit}`,
    aboveComfort: (label: string, percent: number, who: string, limit: string) =>
      `${label}: ${percent}% of the song sits above ${who} comfortable ${limit}`,
    belowComfort: (label: string, percent: number, who: string, limit: string) =>
      `${label}: ${percent}% of the song sits below ${who} comfortable ${limit}`,
    topReaches: (label: string, song: string, who: string, percent: number) =>
      `${label}: top note ${song} reaches ${who} highest, ${percent}% in ${who} comfortable range`,
    topUnder: (label: string, song: string, who: string, limit: string, percent: number) =>
      `${label}: top note ${song} sits under ${who} ${limit}, ${percent}% in ${who} comfortable range`,
    bottomReaches: (label: string, song: string, who: string, percent: number) =>
      `${label}: low note ${song} reaches ${who} lowest, ${percent}% in ${who} comfortable range`,
    bottomOver: (label: string, song: string, who: string, limit: string, percent: number) =>
      `${label}: low note ${song} sits above ${who} ${limit}, ${percent}% in ${who} comfortable range`,
  },
  {
    label: (shift: number, octave: number) => {
      const key = shift === 0 ? '원래 키' : `키 ${shift > 0 ? '+' : ''}${shift}`;
      return octave === 0 ? key : `${key} · ${octave < 0 ? '한 옥타브 아래' : '한 옥타브 위'}`;
    },
    who: (singer: number | null) => (singer === null ? '내' : `${singer}번 가수의`),
    overTop: (label: string, song: string, count: number, who: string, limit: string) =>
      `${label}: 최고음 ${song}, ${who} 최고음 ${limit}보다 ${count}반음 높음`,
    underBottom: (label: string, song: string, count: number, who: string, limit: string) =>
      `${label}: 최저음 ${song}, ${who} 최저음 ${limit}보다 ${count}반음 낮음`,
    aboveComfort: (label: string, percent: number, who: string, limit: string) =>
      `${label}: 노래의 ${percent}%가 ${who} 편한 최고음 ${limit}보다 높음`,
    belowComfort: (label: string, percent: number, who: string, limit: string) =>
      `${label}: 노래의 ${percent}%가 ${who} 편한 최저음 ${limit}보다 낮음`,
    topReaches: (label: string, song: string, who: string, percent: number) =>
      `${label}: 최고음 ${song}, ${who} 최고음에 딱 맞음, ${percent}%가 ${who} 편한 음역 안`,
    topUnder: (label: string, song: string, who: string, limit: string, percent: number) =>
      `${label}: 최고음 ${song}, ${who} 최고음 ${limit}보다 낮음, ${percent}%가 ${who} 편한 음역 안`,
    bottomReaches: (label: string, song: string, who: string, percent: number) =>
      `${label}: 최저음 ${song}, ${who} 최저음에 딱 맞음, ${percent}%가 ${who} 편한 음역 안`,
    bottomOver: (label: string, song: string, who: string, limit: string, percent: number) =>
      `${label}: 최저음 ${song}, ${who} 최저음 ${limit}보다 높음, ${percent}%가 ${who} 편한 음역 안`,
  },
);
