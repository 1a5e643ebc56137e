import { nameToMidi, voiceProfileFromRange, type VoiceProfile } from '@orak/core';
import { recommendForProfile } from '../catalogue/recommendForProfile';
import { CliUsageError, printJson, type CliIo } from './cliIo';
import { integerOption, parseCommandArgs } from './cliOptions';

// `orak recommend --lowest G2 --highest E4 [--comfortable-low A2 --comfortable-high C4] [--top N]
//   [--language en] [--tag hymn] [--max-difficulty 3] [--popularity-weight 0.5] [--singer C3-A4[:E3-F4]]... [--json]`

const USAGE =
  'orak recommend --lowest G2 --highest E4 [--comfortable-low X --comfortable-high Y] [--top N] [--language xx] [--tag t] [--min-difficulty N] [--max-difficulty N] [--popularity-weight W] [--singer LOW-HIGH[:CLOW-CHIGH]]... [--json]';

function note(value: string, name: string): number {
  try {
    return nameToMidi(value);
  } catch {
    throw new CliUsageError(`--${name}: not a note name "${value}" (expected e.g. G2, C#4, Bb3)`);
  }
}

function profile(lowest: number, highest: number, comfortable?: [number, number]): VoiceProfile {
  if (lowest > highest) throw new CliUsageError(`lowest ${lowest} is above highest ${highest}`);
  const base = voiceProfileFromRange(lowest, highest);
  if (!comfortable) return base;
  const [comfortableLow, comfortableHigh] = comfortable;
  if (comfortableLow > comfortableHigh || comfortableLow < lowest || comfortableHigh > highest) {
    throw new CliUsageError('the comfortable range must lie inside the range, low to high');
  }
  return { ...base, comfortableLow, comfortableHigh };
}

/** "C3-A4" or "C3-A4:E3-F4" (range, then comfortable range). */
function singerProfile(spec: string): VoiceProfile {
  const match = /^([^-:]+)-([^-:]+)(?::([^-:]+)-([^-:]+))?$/.exec(spec.trim());
  if (!match)
    throw new CliUsageError(`--singer "${spec}": expected LOW-HIGH or LOW-HIGH:CLOW-CHIGH, e.g. G2-E4:B2-C4`);
  const [, low, high, comfortableLow, comfortableHigh] = match;
  const comfortable: [number, number] | undefined =
    comfortableLow && comfortableHigh
      ? [note(comfortableLow, 'singer'), note(comfortableHigh, 'singer')]
      : undefined;
  return profile(note(low!, 'singer'), note(high!, 'singer'), comfortable);
}

export async function recommendCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      lowest: { type: 'string' },
      highest: { type: 'string' },
      'comfortable-low': { type: 'string' },
      'comfortable-high': { type: 'string' },
      singer: { type: 'string', multiple: true },
      top: { type: 'string' },
      language: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      'min-difficulty': { type: 'string' },
      'max-difficulty': { type: 'string' },
      'popularity-weight': { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  if (positionals.length > 0)
    throw new CliUsageError(`unexpected argument "${positionals[0]}" (usage: ${USAGE})`);
  const singers: VoiceProfile[] = (values.singer ?? []).map(singerProfile);
  if (values.lowest !== undefined || values.highest !== undefined) {
    if (values.lowest === undefined || values.highest === undefined) {
      throw new CliUsageError('give both --lowest and --highest');
    }
    const comfortableLow = values['comfortable-low'];
    const comfortableHigh = values['comfortable-high'];
    if ((comfortableLow === undefined) !== (comfortableHigh === undefined)) {
      throw new CliUsageError('give both --comfortable-low and --comfortable-high, or neither');
    }
    const comfortable: [number, number] | undefined =
      comfortableLow && comfortableHigh
        ? [note(comfortableLow, 'comfortable-low'), note(comfortableHigh, 'comfortable-high')]
        : undefined;
    singers.unshift(profile(note(values.lowest, 'lowest'), note(values.highest, 'highest'), comfortable));
  }
  if (singers.length === 0) throw new CliUsageError(`no singer given (usage: ${USAGE})`);
  const top = integerOption(values.top, 'top', 10);
  if (top < 1) throw new CliUsageError('--top must be at least 1');
  const popularityWeight =
    values['popularity-weight'] === undefined ? 0 : Number(values['popularity-weight']);
  if (!(popularityWeight >= 0)) throw new CliUsageError('--popularity-weight must be a number >= 0');
  const recommendations = await recommendForProfile(singers.length === 1 ? singers[0]! : singers, {
    top,
    languages: values.language,
    tags: values.tag,
    minDifficulty: integerOption(values['min-difficulty'], 'min-difficulty', 1),
    maxDifficulty: integerOption(values['max-difficulty'], 'max-difficulty', 5),
    popularityWeight,
  });
  if (values.json) {
    printJson(io, { recommendations });
    return 0;
  }
  for (const item of recommendations) {
    const shift = item.keyShift > 0 ? `+${item.keyShift}` : `${item.keyShift}`;
    io.stdout(
      `${String(item.fit).padStart(3)}  ${shift.padStart(3)}  ${item.title} - ${item.artist}: ${item.reason}\n`,
    );
  }
  if (recommendations.length === 0) io.stdout('no songs match the filters\n');
  return 0;
}
