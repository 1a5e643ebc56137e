import { midiToName, type Take } from '@orak/core';

// How takes read in the library list: short, scannable, same everywhere.

export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function formatRange(take: Take): string {
  return take.range ? `${midiToName(take.range.lowMidi)}–${midiToName(take.range.highMidi)}` : '—';
}

export function formatRecordedAt(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
