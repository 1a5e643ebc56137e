import { describe, expect, it } from 'vitest';
import { PitchTrail } from '../src/renderer/audio/pitchTrail';
import { screenFromHash } from '../src/renderer/screens/screenCatalog';

describe('pitch trail ring buffer', () => {
  it('keeps the newest points in order once full, with gaps as NaN', () => {
    const trail = new PitchTrail(4);
    for (let i = 0; i < 6; i++) trail.push(i, i % 3 === 2 ? null : 60 + i, 0);
    const seen: [number, number][] = [];
    trail.forEachSince(0, (time, midi) => seen.push([time, midi]));
    expect(seen.map(([time]) => time)).toEqual([2, 3, 4, 5]);
    expect(Number.isNaN(seen[0]![1])).toBe(true);
    expect(seen[1]![1]).toBe(63);
    expect(trail.latestTime).toBe(5);
  });

  it('centres on the median voiced pitch of a recent span', () => {
    const trail = new PitchTrail();
    [57, 57.2, 56.9, 69, null, 57.1].forEach((midi, i) => trail.push(i * 0.01, midi, 0));
    expect(trail.medianMidiSince(0)).toBeCloseTo(57.1);
    expect(trail.medianMidiSince(10)).toBeNull();
  });
});

describe('screen routes', () => {
  it('maps hashes to screens and anything unknown to Sing', () => {
    expect(screenFromHash('#/library')).toBe('library');
    expect(screenFromHash('#settings')).toBe('settings');
    expect(screenFromHash('#/nope')).toBe('sing');
    expect(screenFromHash('')).toBe('sing');
  });
});
