import { describe, expect, it } from 'vitest';
import type { SongGuide } from '@orak/core';
import { GUIDE_LEAD_IN_SEC, GuideScore } from '../src/renderer/audio/guideScore';

// The per-song score: share of the time sung during the song's notes that was within 50 cents of them.

const guide: SongGuide = {
  songId: 'test--song',
  title: 'Song',
  artist: 'Test',
  transposeSemitones: 0,
  notes: [
    { midi: 57, startSec: 0, durationSec: 1 },
    { midi: 60, startSec: 1, durationSec: 1 },
  ],
};

/** Reports every 5 ms from t0 for `seconds`, with the pitch `at` gives for each song time. */
function sing(score: GuideScore, seconds: number, at: (songSec: number) => number | null): void {
  const t0 = 10;
  for (let t = 0; t <= seconds; t += 0.005) score.observe(t0 + t, at(t - GUIDE_LEAD_IN_SEC));
}

describe('GuideScore', () => {
  it('scores 100% when every sung moment is within 50 cents, and ignores the lead-in and silence', () => {
    const score = new GuideScore(guide);
    sing(score, GUIDE_LEAD_IN_SEC + 2, (s) => (s < 0 ? 40 : s < 0.5 ? null : s < 1 ? 57.4 : 59.6));
    expect(score.score).toBeCloseTo(1, 2);
    expect(score.sungSeconds).toBeCloseTo(1.5, 1);
  });

  it('counts time off by more than 50 cents against, in proportion', () => {
    const score = new GuideScore(guide);
    // First note right, second note a whole tone flat.
    sing(score, GUIDE_LEAD_IN_SEC + 2, (s) => (s < 1 ? 57 : 58));
    expect(score.score).toBeCloseTo(0.5, 1);
  });

  it('has no score before anything is sung over a note', () => {
    const score = new GuideScore(guide);
    sing(score, GUIDE_LEAD_IN_SEC - 0.5, () => 57);
    expect(score.score).toBeNull();
    expect(score.view()?.startTime).toBeCloseTo(10 + GUIDE_LEAD_IN_SEC, 6);
  });
});
