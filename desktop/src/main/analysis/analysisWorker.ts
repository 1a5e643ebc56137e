import { analyzeSamples, decodeAudioFile, DEFAULT_ANALYZE_OPTIONS } from '@orak/engine';
import { failureOf } from './analysisFailure';
import { WorkerJobSchema, type WorkerReport, type WorkerStage } from './analysisWorkerProtocol';
import { createSongCatalogue } from './songCatalogue';
import { voiceProfileFromAnalysis } from './voiceProfile';

// The analysis worker process: one take per process, so a cancel is a kill and a crash takes no one else down.

function report(message: WorkerReport): void {
  process.send?.(message);
}

function stage(name: WorkerStage, audioSec: number | null = null): void {
  report({ type: 'stage', stage: name, audioSec });
}

async function run(raw: unknown): Promise<void> {
  const job = WorkerJobSchema.parse(raw);
  stage('decode');
  const decoded = await decodeAudioFile(job.file);
  const { analysis } = await analyzeSamples(decoded.samples, decoded.sampleRate, decoded.file, {
    ...DEFAULT_ANALYZE_OPTIONS,
    onStage: (name) => stage(name, decoded.durationSec),
  });
  stage('recommend', decoded.durationSec);
  const catalogue = createSongCatalogue({ userCatalogueFile: job.userCatalogueFile });
  const recommendations =
    job.top > 0 ? await catalogue.recommend(voiceProfileFromAnalysis(analysis), job.top) : [];
  report({ type: 'done', analysis, recommendations });
}

process.once('message', (raw: unknown) => {
  run(raw)
    .catch((error: unknown) => report({ type: 'failed', ...failureOf(error) }))
    // Exit once the last report has left: the parent waits for it before it counts the job finished.
    .finally(() => process.disconnect?.());
});
