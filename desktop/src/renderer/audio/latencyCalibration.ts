import { openMicrophone } from './microphoneInput';
import {
  estimateDelay,
  makeClickTrain,
  summariseRuns,
  type DelayEstimate,
  type LatencySummary,
} from './latencyEstimate';

// Measures the mic round trip: plays a click train through the output while recording the input, with the
// played signal captured beside the mic in the same processing block, so their offset is the round trip.

export interface CalibrationResult {
  runs: DelayEstimate[];
  summary: LatencySummary | null;
  sampleRate: number;
}

export async function measureRoundTrip(
  deviceId: string | null,
  options: { runs?: number; onRun?: (index: number, run: DelayEstimate) => void } = {},
): Promise<CalibrationResult> {
  const runsWanted = options.runs ?? 5;
  const stream = await openMicrophone(deviceId);
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.resume();
    const { sampleRate } = context;
    const train = makeClickTrain({ sampleRate });
    const clip = context.createBuffer(1, train.length, sampleRate);
    clip.copyToChannel(train, 0);
    // Channel 0: the mic; channel 1: the clicks as sent to the output, straight from the graph.
    const merger = context.createChannelMerger(2);
    context.createMediaStreamSource(stream).connect(merger, 0, 0);
    const processor = context.createScriptProcessor(4096, 2, 1);
    merger.connect(processor);
    const silent = context.createGain();
    silent.gain.value = 0;
    processor.connect(silent).connect(context.destination); // a processor only runs when connected onwards
    let capture: { mic: Float32Array[]; sent: Float32Array[] } | null = null;
    processor.onaudioprocess = (event) => {
      if (!capture) return;
      capture.mic.push(event.inputBuffer.getChannelData(0).slice());
      capture.sent.push(event.inputBuffer.getChannelData(1).slice());
    };
    const runs: DelayEstimate[] = [];
    for (let index = 0; index < runsWanted; index++) {
      capture = { mic: [], sent: [] };
      const source = context.createBufferSource();
      source.buffer = clip;
      source.connect(context.destination);
      source.connect(merger, 0, 1);
      source.start(context.currentTime + 0.05);
      // The train, the longest round trip searched (0.5 s) and a processing block or two.
      await new Promise((resolve) => setTimeout(resolve, (train.length / sampleRate + 0.8) * 1000));
      const taken: { mic: Float32Array[]; sent: Float32Array[] } = capture;
      capture = null;
      source.disconnect();
      const run = estimateDelay(join(taken.sent), join(taken.mic), sampleRate);
      runs.push(run);
      options.onRun?.(index, run);
    }
    processor.onaudioprocess = null;
    return { runs, summary: summariseRuns(runs), sampleRate };
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    await context.close();
  }
}

function join(chunks: Float32Array[]): Float32Array {
  const out = new Float32Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
