import { midiToName, type CatalogueEntry } from '@orak/core';
import { importCatalogueFiles } from '../catalogue/catalogueFileImporter';
import { forgetCatalogueIndex } from '../catalogue/recommendForProfile';
import { addToUserCatalogue, loadCatalogue, userCatalogueFile } from '../catalogue/userCatalogueStore';
import { CliUsageError, printJson, type CliIo } from './cliIo';
import { parseCommandArgs } from './cliOptions';

// `orak catalog import <path>... [--json]` and `orak catalog list [--json]`.

const IMPORT_USAGE = 'orak catalog import <file-or-folder>... [--json]';
const LIST_USAGE = 'orak catalog list [--json]';

function rangeText(song: CatalogueEntry): string {
  return `${midiToName(song.range.lowest)}-${midiToName(song.range.highest)}`;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, IMPORT_USAGE);
  if (positionals.length === 0) throw new CliUsageError(`no files or folders given (usage: ${IMPORT_USAGE})`);
  const report = await importCatalogueFiles(positionals);
  const catalogueFile = userCatalogueFile(io.env);
  const userSongs = report.songs.length > 0 ? await addToUserCatalogue(report.songs, catalogueFile) : null;
  forgetCatalogueIndex();
  if (values.json) {
    printJson(io, {
      catalogueFile,
      imported: report.songs.map((song) => ({
        id: song.id,
        title: song.title,
        artist: song.artist,
        file: song.source.file,
        format: song.source.format,
        range: song.range,
        rangeProvenance: song.rangeProvenance,
        octaveShift: song.octaveShift,
      })),
      problems: report.problems,
      userSongs,
    });
  } else {
    for (const song of report.songs) {
      const octave = song.octaveShift
        ? ` (moved ${song.octaveShift > 0 ? '+' : ''}${song.octaveShift} semitones)`
        : '';
      io.stdout(
        `imported  ${song.title} - ${song.artist}  ${rangeText(song)} [${song.rangeProvenance}]${octave}\n`,
      );
    }
    for (const problem of report.problems) io.stderr(`skipped   ${problem.file}: ${problem.reason}\n`);
    io.stdout(`${report.songs.length} imported, ${report.problems.length} skipped -> ${catalogueFile}\n`);
  }
  if (report.songs.length === 0) {
    const first = report.problems[0];
    io.stderr(`nothing imported${first ? `: ${first.file}: ${first.reason}` : ''}\n`);
    return 1;
  }
  return 0;
}

async function listCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, LIST_USAGE);
  if (positionals.length > 0)
    throw new CliUsageError(`unexpected argument "${positionals[0]}" (usage: ${LIST_USAGE})`);
  const songs = await loadCatalogue(userCatalogueFile(io.env));
  if (values.json) {
    printJson(io, { songs });
    return 0;
  }
  for (const song of songs) {
    io.stdout(
      `${song.id}  ${song.title} - ${song.artist}  ${rangeText(song)}  [${song.language}] ${song.tags.join(',')}\n`,
    );
  }
  io.stdout(`${songs.length} songs\n`);
  return 0;
}

export async function catalogCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return importCommand(rest, io);
  if (sub === 'list') return listCommand(rest, io);
  throw new CliUsageError(`unknown catalog command "${sub ?? ''}" (usage: ${IMPORT_USAGE} | ${LIST_USAGE})`);
}
