import { createTakeRecorderStore } from '../../src/main/recording/takeRecorderStore';

// Run as a child process by the crash test: records a rising ramp in 10 ms chunks until it is killed.

const takesDir = process.argv[2];
if (!takesDir) throw new Error('usage: recorderChild <takesDir>');
const recorder = createTakeRecorderStore({ takesDir, syncIntervalMs: 0 });
const id = await recorder.begin({ sampleRate: 48_000, channels: 1 });
let written = 0;
for (;;) {
  const chunk = new Float32Array(480);
  for (let i = 0; i < chunk.length; i++) chunk[i] = ((written + i) % 48_000) / 48_000;
  await recorder.append(id, chunk);
  written += chunk.length;
  // Tell the parent how many samples are synced to disk.
  process.stdout.write(`${written}\n`);
}
