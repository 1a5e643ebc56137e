import { analyzeSamples, decodeAudioFile, DEFAULT_ANALYZE_OPTIONS } from '@orak/engine';
import { computeTakeMedia, mediaFailure } from '../media/takeMediaCompute';
import { failureOf } from './analysisFailure';
import {
  WorkerJobSchema,
  type AnalyseJob,
  type WorkerReport,
  type WorkerStage,
} from './analysisWorkerProtocol';
import { createSongCatalogue } from './songCatalogue';
import { voiceProfileFromAnalysis } from './voiceProfile';

// The worker process: one job per process, so a cancel is a kill and a crash takes no one else down.

function report(message: WorkerReport): void {
  process.send?.(message);
}

function stage(name: WorkerStage, audioSec: number | null = null): void {
  report({ type: 'stage', stage: name, audioSec });
}

async function analyse(job: AnalyseJob): Promise<void> {
  stage('decode');
  const decoded = await decodeAudioFile(job.file);
  const { analysis } = await analyzeSamples(decoded.samples, decoded.sampleRate, decoded.file, {
    ...DEFAULT_ANALYZE_OPTIONS,
    onStage: (name) => stage(name, decoded.durationSec),
    ...(job.tessituraWindows ? { tessituraWindows: job.tessituraWindows } : {}),
    singerVoice: job.singerVoice ?? null,
  });
  stage('recommend', decoded.durationSec);
  if (job.top === 0)
    return report({ type: 'done', analysis, recommendations: [], recommendationsUnavailable: null });
  // A song catalogue that cannot be read costs the songs, not the analysis the singer waited for.
  try {
    const catalogue = createSongCatalogue({ userCatalogueFile: job.userCatalogueFile });
    const recommendations = await catalogue.recommend(voiceProfileFromAnalysis(analysis), job.top);
    report({ type: 'done', analysis, recommendations, recommendationsUnavailable: null });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report({ type: 'done', analysis, recommendations: [], recommendationsUnavailable: reason });
  }
}

async function run(raw: unknown): Promise<void> {
  const job = WorkerJobSchema.parse(raw);
  if (job.type === 'analyse') {
    await analyse(job).catch((error: unknown) => report({ type: 'failed', ...failureOf(error) }));
  } else {
    await computeTakeMedia(job.file).then(
      ({ peaks, pitch }) => report({ type: 'media', peaks, pitch }),
      (error: unknown) => report({ type: 'media-failed', ...mediaFailure(error) }),
    );
  }
}

process.once('message', (raw: unknown) => {
  run(raw)
    .catch((error: unknown) => report({ type: 'failed', ...failureOf(error) }))
    // Exit once the last report has left: the parent waits for it before it counts the job finished.
    .finally(() => process.disconnect?.());
});
