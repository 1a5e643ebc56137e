// A tiny Standard MIDI File writer, so tests can build real .mid/.kar fixtures byte by byte.

export interface SmfEvent {
  tick: number;
  bytes: number[];
}

export interface SmfTrack {
  events: SmfEvent[];
}

function varLength(value: number): number[] {
  const bytes = [value & 0x7f];
  let rest = value >> 7;
  while (rest > 0) {
    bytes.unshift((rest & 0x7f) | 0x80);
    rest >>= 7;
  }
  return bytes;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function metaText(tick: number, type: number, text: string): SmfEvent {
  const data = [...new TextEncoder().encode(text)];
  return { tick, bytes: [0xff, type, ...varLength(data.length), ...data] };
}

export function tempo(tick: number, microsPerQuarter: number): SmfEvent {
  return {
    tick,
    bytes: [
      0xff,
      0x51,
      3,
      (microsPerQuarter >> 16) & 0xff,
      (microsPerQuarter >> 8) & 0xff,
      microsPerQuarter & 0xff,
    ],
  };
}

/** A note as note-on plus note-off (the off as note-on with velocity 0, as many files do). */
export function note(channel: number, midi: number, startTick: number, lengthTicks: number): SmfEvent[] {
  return [
    { tick: startTick, bytes: [0x90 | channel, midi, 100] },
    { tick: startTick + lengthTicks, bytes: [0x90 | channel, midi, 0] },
  ];
}

export function melody(
  channel: number,
  midis: readonly number[],
  ticksEach: number,
  startTick = 0,
): SmfEvent[] {
  return midis.flatMap((midi, i) => note(channel, midi, startTick + i * ticksEach, ticksEach));
}

export function writeSmf(format: number, ticksPerQuarter: number, tracks: readonly SmfTrack[]): Uint8Array {
  const bytes: number[] = [...new TextEncoder().encode('MThd'), ...u32(6), 0, format, 0, tracks.length];
  bytes.push((ticksPerQuarter >> 8) & 0xff, ticksPerQuarter & 0xff);
  for (const track of tracks) {
    // Offs before ons at the same tick, so back-to-back notes do not overlap.
    const events = [...track.events].sort(
      (a, b) => a.tick - b.tick || Number(a.bytes[2] !== 0) - Number(b.bytes[2] !== 0),
    );
    const data: number[] = [];
    let tick = 0;
    for (const event of events) {
      data.push(...varLength(event.tick - tick), ...event.bytes);
      tick = event.tick;
    }
    data.push(0, 0xff, 0x2f, 0);
    bytes.push(...new TextEncoder().encode('MTrk'), ...u32(data.length), ...data);
  }
  return new Uint8Array(bytes);
}
