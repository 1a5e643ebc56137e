import { midiToKoreanName, midiToName, type FitReasonParts, type NoteNaming } from '@orak/core';
import type { reasonMessages } from '../i18n/messages/reasonMessages';

// A recommendation's reason in the singer's language and note naming, from its parts.

export type ReasonMessages = (typeof reasonMessages)['en'];

export function noteLabel(midi: number, naming: NoteNaming): string {
  if (naming === 'scientific') return midiToName(midi);
  if (naming === 'korean') return midiToKoreanName(midi);
  return `${midiToName(midi)}(${midiToKoreanName(midi)})`;
}

export function fitReasonText(parts: FitReasonParts, text: ReasonMessages, naming: NoteNaming): string {
  const label = text.label(parts.keyShift, parts.octave);
  const who = text.who(parts.singer ?? null);
  const verdict = parts.verdict;
  const limit = noteLabel(verdict.singerMidi, naming);
  switch (verdict.kind) {
    case 'beyond-range': {
      const song = noteLabel(verdict.songMidi, naming);
      const count = Math.abs(verdict.songMidi - verdict.singerMidi);
      return verdict.side === 'high'
        ? text.overTop(label, song, count, who, limit)
        : text.underBottom(label, song, count, who, limit);
    }
    case 'outside-comfort':
      return verdict.side === 'high'
        ? text.aboveComfort(label, verdict.percent, who, limit)
        : text.belowComfort(label, verdict.percent, who, limit);
    case 'fits': {
      const song = noteLabel(verdict.songMidi, naming);
      const percent = verdict.comfortablePercent;
      const reaches = verdict.songMidi === verdict.singerMidi;
      if (verdict.side === 'high')
        return reaches
          ? text.topReaches(label, song, who, percent)
          : text.topUnder(label, song, who, limit, percent);
      return reaches
        ? text.bottomReaches(label, song, who, percent)
        : text.bottomOver(label, song, who, limit, percent);
    }
  }
}
