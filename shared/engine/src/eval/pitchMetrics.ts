// MIREX melody-extraction metrics: pitch accuracy is scored on every truly voiced frame using the
// tracker's pitch estimate there, whether or not it called the frame voiced (the standard convention).

export interface FrameScores {
  voicedFrames: number;
  pitchHits: number;
  chromaHits: number;
  voicingHits: number;
  unvoicedFrames: number;
  falseAlarms: number;
}

export function emptyScores(): FrameScores {
  return { voicedFrames: 0, pitchHits: 0, chromaHits: 0, voicingHits: 0, unvoicedFrames: 0, falseAlarms: 0 };
}

export function scoreFrames(
  truthHz: ArrayLike<number>,
  estimateHz: ArrayLike<number>,
  estimateVoiced: ArrayLike<number | boolean>,
  into: FrameScores = emptyScores(),
): FrameScores {
  const frames = Math.min(truthHz.length, estimateHz.length);
  for (let t = 0; t < frames; t++) {
    const truth = truthHz[t]!;
    const estimate = estimateHz[t]!;
    const voiced = Boolean(estimateVoiced[t]);
    if (truth > 0) {
      into.voicedFrames++;
      if (voiced) into.voicingHits++;
      if (estimate > 0) {
        const cents = 1200 * Math.log2(estimate / truth);
        if (Math.abs(cents) <= 50) into.pitchHits++;
        const chroma = ((cents % 1200) + 1200) % 1200;
        if (chroma <= 50 || chroma >= 1150) into.chromaHits++;
      }
    } else {
      into.unvoicedFrames++;
      if (voiced) into.falseAlarms++;
    }
  }
  return into;
}

export function addScores(a: FrameScores, b: FrameScores): FrameScores {
  return {
    voicedFrames: a.voicedFrames + b.voicedFrames,
    pitchHits: a.pitchHits + b.pitchHits,
    chromaHits: a.chromaHits + b.chromaHits,
    voicingHits: a.voicingHits + b.voicingHits,
    unvoicedFrames: a.unvoicedFrames + b.unvoicedFrames,
    falseAlarms: a.falseAlarms + b.falseAlarms,
  };
}

export interface PitchAccuracy {
  rawPitch: number;
  rawChroma: number;
  voicingRecall: number;
  voicingFalseAlarm: number;
}

export function summarise(s: FrameScores): PitchAccuracy {
  return {
    rawPitch: s.pitchHits / Math.max(1, s.voicedFrames),
    rawChroma: s.chromaHits / Math.max(1, s.voicedFrames),
    voicingRecall: s.voicingHits / Math.max(1, s.voicedFrames),
    voicingFalseAlarm: s.falseAlarms / Math.max(1, s.unvoicedFrames),
  };
}
