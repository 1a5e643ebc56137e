import { openLibrary } from '../../src/main/library/libraryService';

// Run as a child process by the crash test: writes takes as fast as it can until it is killed.

const dir = process.argv[2];
if (!dir) throw new Error('usage: libraryWriterChild <dir>');
const library = await openLibrary({ dir, backupIntervalMs: 0 });
const padding = 'x'.repeat(2_000);
for (let i = 0; ; i++) {
  await library.addTake({
    title: `take ${i}`,
    fileName: `take-${i}.wav`,
    sampleRate: 48_000,
    channels: 1,
    durationSec: 10,
    sizeBytes: 960_044,
    notes: padding,
  });
  // Tell the parent how many takes are durably saved.
  process.stdout.write(`${i + 1}\n`);
}
