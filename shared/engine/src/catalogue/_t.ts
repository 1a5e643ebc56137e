import { abcTuneToUltraStar } from './abcToUltraStar';
import { splitAbcTunes } from './abcTune';
import { readFileSync } from 'node:fs';
import { parseUltraStar, songFromMelody } from '@orak/core';
for (const t of splitAbcTunes(readFileSync(process.argv[2]!, 'utf8'))) {
  const f = abcTuneToUltraStar(t);
  console.log(f.text);
  const s = songFromMelody(parseUltraStar(f.text), { file: f.fileName, format: 'ultrastar', fallbackTitle: 'x' });
  console.log(JSON.stringify(s));
}
