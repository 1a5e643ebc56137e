// A subset of ABC notation (the folk-music standard), enough to enter the shipped melodies by hand in a
// form anyone can paste into an ABC viewer to check: key signatures, bar-scoped accidentals, lengths,
// ties, broken rhythm (> <), triplets, rests and w: lyrics. Repeats must be written out.

export interface AbcNote {
  /** MIDI number; null for a rest. */
  midi: number | null;
  /** In quarter notes. */
  quarters: number;
  syllable: string | null;
}

export interface AbcTune {
  fields: Map<string, string>;
  /** `%%name value` directives: catalogue metadata such as language, tags, popularity. */
  directives: Map<string, string>;
  quartersPerMinute: number;
  notes: AbcNote[];
}

const LETTER_SEMITONES: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SHARP_ORDER = 'FCGDAEB';
const MAJOR_FIFTHS: Record<string, number> = {
  Cb: -7,
  Gb: -6,
  Db: -5,
  Ab: -4,
  Eb: -3,
  Bb: -2,
  F: -1,
  C: 0,
  G: 1,
  D: 2,
  A: 3,
  E: 4,
  B: 5,
  'F#': 6,
  'C#': 7,
};
const MODE_OFFSETS: Record<string, number> = {
  '': 0,
  maj: 0,
  ion: 0,
  mix: -1,
  dor: -2,
  m: -3,
  min: -3,
  aeo: -3,
  phr: -4,
  loc: -5,
  lyd: 1,
};

/** Semitone alteration per letter implied by a K: field ("G", "Am", "D dor", "Bb"). */
export function keySignature(key: string): Record<string, number> {
  const match = /^\s*([A-G][#b]?)\s*([A-Za-z]*)/.exec(key);
  if (!match) throw new Error(`bad key "K:${key}"`);
  const tonic = match[1]!;
  const modeName = match[2]!.toLowerCase();
  const mode = modeName === 'm' || modeName.startsWith('min') ? 'm' : modeName.slice(0, 3);
  const modeOffset = MODE_OFFSETS[mode];
  if (modeOffset === undefined) throw new Error(`unknown mode in "K:${key}"`);
  const tonicFifths = MAJOR_FIFTHS[tonic];
  if (tonicFifths === undefined) throw new Error(`unknown key "K:${key}"`);
  const fifths = tonicFifths + modeOffset;
  const alteration: Record<string, number> = { C: 0, D: 0, E: 0, F: 0, G: 0, A: 0, B: 0 };
  for (let i = 0; i < Math.abs(fifths); i++) {
    const letter = fifths > 0 ? SHARP_ORDER[i]! : SHARP_ORDER[6 - i]!;
    alteration[letter] = fifths > 0 ? 1 : -1;
  }
  return alteration;
}

function parseFraction(text: string): number {
  const [numerator, denominator] = text.split('/').map(Number);
  return numerator! / (denominator ?? 1);
}

function parseLength(text: string): number {
  if (text === '') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^(\d*)(\/+)(\d*)$/.exec(text);
  if (!match) throw new Error(`bad note length "${text}"`);
  const numerator = match[1] ? Number(match[1]) : 1;
  const denominator = match[3] ? Number(match[3]) : 2 ** match[2]!.length;
  return numerator / denominator;
}

function lyricSyllables(lines: readonly string[]): string[] {
  const syllables: string[] = [];
  for (const line of lines) {
    // "_" and "*" hold the previous syllable over a note (UltraStar writes such a note as "~").
    for (const word of line
      .trim()
      .replace(/([_*])/g, ' $1 ')
      .split(/\s+/)) {
      if (word === '') continue;
      if (word === '_' || word === '*') {
        syllables.push('~');
        continue;
      }
      const parts = word.split('-');
      parts.forEach((part, i) => {
        if (part === '') return;
        syllables.push(i < parts.length - 1 ? `${part}-` : part);
      });
    }
  }
  return syllables;
}

/** Parses one tune (X: ... up to the next blank line). */
export function parseAbcTune(text: string): AbcTune {
  const fields = new Map<string, string>();
  const directives = new Map<string, string>();
  const bodyLines: string[] = [];
  const lyricLines: string[] = [];
  let inBody = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    if (line.startsWith('%%')) {
      const [name, ...rest] = line.slice(2).trim().split(/\s+/);
      directives.set(name!.toLowerCase(), rest.join(' '));
      continue;
    }
    if (line.startsWith('%') || line.trim() === '') continue;
    const field = /^([A-Za-z]):\s*(.*)$/.exec(line);
    if (field && field[1] === 'w') {
      lyricLines.push(field[2]!);
      continue;
    }
    if (field && !inBody) {
      fields.set(field[1]!, field[2]!);
      if (field[1] === 'K') inBody = true;
      continue;
    }
    if (!inBody) throw new Error(`line before K: "${line}"`);
    bodyLines.push(line.replace(/%.*$/, ''));
  }
  if (!fields.has('K')) throw new Error('missing K: field');
  const unit = parseFraction(fields.get('L') ?? '1/8') * 4;
  const tempo = /(?:(\d+\/\d+)\s*=\s*)?(\d+)\s*$/.exec(fields.get('Q') ?? '1/4=100');
  const beatQuarters = tempo?.[1] ? parseFraction(tempo[1]) * 4 : 1;
  const quartersPerMinute = Number(tempo?.[2] ?? 100) * beatQuarters;
  const signature = keySignature(fields.get('K')!);

  const notes: AbcNote[] = [];
  let barAccidentals: Record<string, number> = {};
  let tiePending = false;
  let brokenNext = 1;
  let tupletLeft = 0;
  let tupletFactor = 1;
  const body = bodyLines.join(' ');
  const token =
    /("[^"]*")|(![^!]*!)|(\{[^}]*\})|\((\d)|([\^_=]{0,2})([A-Ga-gzx])([,']*)(\d*\/*\d*)|(:*\|+\]?:*|\[\||::)|(-)|(>+|<+)|([\s()~.HLMOPSTuv\]])/gy;
  let position = 0;
  while (position < body.length) {
    token.lastIndex = position;
    const match = token.exec(body);
    if (!match) throw new Error(`cannot read ABC at "${body.slice(position, position + 20)}"`);
    position = token.lastIndex;
    const [, , , , tuplet, accidental, letter, octaveMarks, length, bar, tie, broken] = match;
    if (tuplet) {
      const count = Number(tuplet);
      tupletLeft = count;
      tupletFactor = count === 3 ? 2 / 3 : count === 2 ? 3 / 2 : (count - 1) / count;
    } else if (letter) {
      let quarters = parseLength(length!) * unit * brokenNext;
      brokenNext = 1;
      if (tupletLeft > 0) {
        quarters *= tupletFactor;
        tupletLeft--;
      }
      if (letter === 'z' || letter === 'x') {
        notes.push({ midi: null, quarters, syllable: null });
        continue;
      }
      const upper = letter.toUpperCase();
      if (accidental)
        barAccidentals[upper] = accidental.startsWith('=')
          ? 0
          : (accidental.startsWith('^') ? 1 : -1) * accidental.length;
      const alteration = barAccidentals[upper] ?? signature[upper]!;
      let octave = letter === upper ? 4 : 5;
      for (const mark of octaveMarks!) octave += mark === "'" ? 1 : -1;
      const midi = (octave + 1) * 12 + LETTER_SEMITONES[upper]! + alteration;
      const previous = notes[notes.length - 1];
      if (tiePending && previous && previous.midi === midi) previous.quarters += quarters;
      else notes.push({ midi, quarters, syllable: null });
      tiePending = false;
    } else if (bar) {
      barAccidentals = {};
    } else if (tie) {
      tiePending = true;
    } else if (broken) {
      const previous = notes[notes.length - 1];
      if (!previous) throw new Error('broken rhythm before any note');
      const dots = broken.length;
      const longer = 2 - 1 / 2 ** dots;
      const shorter = 1 / 2 ** dots;
      const [mine, next] = broken[0] === '>' ? [longer, shorter] : [shorter, longer];
      previous.quarters *= mine;
      brokenNext = next;
    }
  }
  const syllables = lyricSyllables(lyricLines);
  let s = 0;
  for (const note of notes) {
    if (note.midi === null) continue;
    const syllable = syllables[s++];
    if (syllable === undefined) break;
    note.syllable = syllable;
  }
  return { fields, directives, quartersPerMinute, notes };
}

/** Splits a file with several tunes into one text per tune (each starts with X:). */
export function splitAbcTunes(text: string): string[] {
  return text
    .split(/\r?\n(?=X:)/)
    .map((tune) => tune.trim())
    .filter((tune) => tune.startsWith('X:'));
}
