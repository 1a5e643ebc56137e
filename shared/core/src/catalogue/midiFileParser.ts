import { CatalogueImportError } from './melody';

// A small Standard MIDI File reader (formats 0, 1 and 2; .kar files are SMF too): notes with their times
// in seconds (through the tempo map), and the text/lyric events .kar files carry their words in.

export interface MidiNote {
  track: number;
  channel: number;
  midi: number;
  startSec: number;
  durationSec: number;
}

export interface MidiTextEvent {
  track: number;
  /** 0x01 text, 0x03 track name, 0x05 lyric, ... */
  type: number;
  text: string;
  timeSec: number;
}

export interface MidiFile {
  format: number;
  trackCount: number;
  notes: MidiNote[];
  texts: MidiTextEvent[];
}

interface RawEvent {
  tick: number;
  track: number;
  order: number;
  kind: 'on' | 'off' | 'tempo' | 'text';
  channel: number;
  midi: number;
  microsPerQuarter: number;
  textType: number;
  text: string;
}

class ByteReader {
  position = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get length(): number {
    return this.bytes.length;
  }
  need(count: number): void {
    if (this.position + count > this.bytes.length) throw new CatalogueImportError('truncated MIDI file');
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.position++]!;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u32(): number {
    return this.u16() * 65536 + this.u16();
  }
  ascii(count: number): string {
    this.need(count);
    const text = String.fromCharCode(...this.bytes.subarray(this.position, this.position + count));
    this.position += count;
    return text;
  }
  slice(count: number): Uint8Array {
    this.need(count);
    const part = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return part;
  }
  /** Variable-length quantity: 7 bits per byte, high bit = more to come (at most 4 bytes). */
  varLength(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new CatalogueImportError('bad variable-length number in MIDI file');
  }
}

/** Karaoke text is usually Latin-1 or UTF-8; decode leniently. */
function decodeMidiText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function readTrack(reader: ByteReader, end: number, track: number, events: RawEvent[]): void {
  let tick = 0;
  let runningStatus = 0;
  let order = 0;
  const base = { channel: 0, midi: 0, microsPerQuarter: 0, textType: 0, text: '' };
  while (reader.position < end) {
    tick += reader.varLength();
    let status = reader.u8();
    if (status < 0x80) {
      // Running status: the data byte belongs to the previous channel message.
      if (runningStatus === 0) throw new CatalogueImportError('MIDI data byte without a status');
      status = runningStatus;
      reader.position--;
    }
    if (status === 0xff) {
      const type = reader.u8();
      const data = reader.slice(reader.varLength());
      if (type === 0x2f) break;
      if (type === 0x51 && data.length === 3) {
        const microsPerQuarter = (data[0]! << 16) | (data[1]! << 8) | data[2]!;
        events.push({ ...base, tick, track, order: order++, kind: 'tempo', microsPerQuarter });
      } else if (type >= 0x01 && type <= 0x07) {
        events.push({
          ...base,
          tick,
          track,
          order: order++,
          kind: 'text',
          textType: type,
          text: decodeMidiText(data),
        });
      }
      continue;
    }
    if (status === 0xf0 || status === 0xf7) {
      reader.slice(reader.varLength());
      continue;
    }
    runningStatus = status;
    const kind = status >> 4;
    const channel = status & 0x0f;
    const first = reader.u8();
    const second = kind === 0xc || kind === 0xd ? 0 : reader.u8();
    if (kind === 0x9 && second > 0)
      events.push({ ...base, tick, track, order: order++, kind: 'on', channel, midi: first });
    else if (kind === 0x8 || kind === 0x9)
      events.push({ ...base, tick, track, order: order++, kind: 'off', channel, midi: first });
  }
  reader.position = end;
}

export function parseMidiFile(bytes: Uint8Array): MidiFile {
  const reader = new ByteReader(bytes);
  if (bytes.length < 4 || reader.ascii(4) !== 'MThd')
    throw new CatalogueImportError('not a MIDI file (no MThd header)');
  if (bytes.length < 14) throw new CatalogueImportError('truncated MIDI file');
  const headerLength = reader.u32();
  const format = reader.u16();
  const trackCount = reader.u16();
  const division = reader.u16();
  reader.position = 8 + headerLength;
  if (format > 2) throw new CatalogueImportError(`unknown MIDI format ${format}`);
  // SMPTE division (high bit set): frames per second x ticks per frame, a fixed tick length.
  const smpteTickSec = division & 0x8000 ? 1 / ((256 - (division >> 8)) * (division & 0xff) || 1) : 0;
  const ticksPerQuarter = division & 0x7fff;
  if (!smpteTickSec && ticksPerQuarter === 0) throw new CatalogueImportError('MIDI division is zero');

  const events: RawEvent[] = [];
  let track = 0;
  while (reader.position + 8 <= reader.length && track < trackCount) {
    const id = reader.ascii(4);
    const length = reader.u32();
    const end = reader.position + length;
    if (end > reader.length) throw new CatalogueImportError(`truncated MIDI track ${track}`);
    if (id === 'MTrk') readTrack(reader, end, track++, events);
    else reader.position = end;
  }
  if (track === 0) throw new CatalogueImportError('MIDI file has no tracks');

  // One tempo map for all tracks (format 1 keeps it in track 0); tempo changes apply from their tick on.
  events.sort((a, b) => a.tick - b.tick || a.track - b.track || a.order - b.order);
  let microsPerQuarter = 500_000;
  let lastTick = 0;
  let lastSec = 0;
  const toSec = (tick: number): number => {
    if (smpteTickSec) return tick * smpteTickSec;
    return lastSec + ((tick - lastTick) * microsPerQuarter) / 1e6 / ticksPerQuarter;
  };
  const notes: MidiNote[] = [];
  const texts: MidiTextEvent[] = [];
  const sounding = new Map<string, number[]>();
  for (const event of events) {
    const timeSec = toSec(event.tick);
    if (event.kind === 'tempo') {
      lastSec = timeSec;
      lastTick = event.tick;
      microsPerQuarter = event.microsPerQuarter;
      continue;
    }
    if (event.kind === 'text') {
      texts.push({ track: event.track, type: event.textType, text: event.text, timeSec });
      continue;
    }
    const key = `${event.track}:${event.channel}:${event.midi}`;
    const open = sounding.get(key) ?? [];
    if (event.kind === 'on') {
      open.push(timeSec);
      sounding.set(key, open);
    } else {
      const startSec = open.shift();
      if (startSec !== undefined) {
        notes.push({
          track: event.track,
          channel: event.channel,
          midi: event.midi,
          startSec,
          durationSec: timeSec - startSec,
        });
      }
    }
  }
  notes.sort((a, b) => a.startSec - b.startSec || b.midi - a.midi);
  return { format, trackCount: track, notes, texts };
}
