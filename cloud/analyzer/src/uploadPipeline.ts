import type { PipelineStage } from '@orak/core';
import {
  STAGE_OF_STATE,
  canTransition,
  isTerminal,
  type ObjectStore,
  type UploadRecord,
  type UploadRepository,
} from '@orak/cloud-common';
import { TakeRejectedError, type SongRecommender, type TakeAnalyzer } from './analysisPort';
import type { Semaphore } from './semaphore';
import { validateTake, type ValidationLimits } from './takeValidator';

// Drives one upload from whatever state it is in to a terminal one, one compare-and-set step at a time.
// Each step is safe to repeat: after a crash the redelivered message resumes from the recorded state.

export interface PipelineDeps {
  uploads: UploadRepository;
  objects: ObjectStore;
  analyzer: TakeAnalyzer;
  recommender: SongRecommender;
  semaphore: Semaphore;
  limits?: ValidationLimits;
  /** Told how long each engine run took, in seconds. */
  onAnalysis?: (seconds: number) => void;
}

export type StepOutcome = 'progressed' | 'waiting' | 'terminal' | 'missing';

export class UploadPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** Takes one step; the caller loops until the outcome is not 'progressed'. */
  async step(uploadId: string): Promise<{ outcome: StepOutcome; upload: UploadRecord | null }> {
    const { uploads } = this.deps;
    const upload = await uploads.findById(uploadId);
    if (!upload) return { outcome: 'missing', upload: null };
    if (isTerminal(upload.state)) return { outcome: 'terminal', upload };
    const move = async (to: UploadRecord['state'], detail?: string) => {
      await uploads.transition(upload.id, { from: upload.state, to, actor: 'analyzer', detail });
      return { outcome: 'progressed' as const, upload };
    };
    switch (upload.state) {
      case 'REQUESTED': {
        // A redrive can arrive before the object-created event: look for the object ourselves.
        const info = await this.deps.objects.head(upload.objectKey);
        if (!info) return { outcome: 'waiting', upload };
        await uploads.transition(upload.id, {
          from: 'REQUESTED',
          to: 'UPLOADED',
          actor: 'analyzer',
          detail: 'object found in storage',
          object: { etag: info.etag, sizeBytes: info.sizeBytes },
        });
        return { outcome: 'progressed', upload };
      }
      case 'UPLOADED':
        return move('VALIDATING');
      case 'VALIDATING':
        await validateTake(this.deps.objects, upload, this.deps.limits);
        return move('VALIDATED');
      case 'VALIDATED':
        return move('QUEUED');
      case 'QUEUED':
      case 'ANALYZING':
        await this.analyze(upload);
        return { outcome: 'progressed', upload };
      case 'ANALYZED':
        return move('RECOMMENDING');
      case 'RECOMMENDING': {
        const result = await uploads.result(upload.id);
        if (!result) throw new Error('RECOMMENDING without a stored analysis');
        const recommendations = await this.deps.recommender.recommend(result.analysis);
        await uploads.complete(upload.id, recommendations, 'analyzer');
        return { outcome: 'progressed', upload };
      }
      default:
        return { outcome: 'terminal', upload };
    }
  }

  /** Holds a semaphore permit from QUEUED -> ANALYZING through the stored analysis. */
  private async analyze(upload: UploadRecord): Promise<void> {
    await this.deps.semaphore.run(async () => {
      const { uploads } = this.deps;
      let state = upload.state;
      if (state === 'QUEUED') {
        const moved = await uploads.transition(upload.id, {
          from: 'QUEUED',
          to: 'ANALYZING',
          actor: 'analyzer',
        });
        if (!moved.applied) return;
        state = 'ANALYZING';
      }
      const audio = await this.deps.objects.read(upload.objectKey);
      if (!audio) throw new TakeRejectedError('analyze', 'object disappeared from storage');
      const started = performance.now();
      const analysis = await this.deps.analyzer.analyze(audio, upload.fileName);
      this.deps.onAnalysis?.((performance.now() - started) / 1000);
      await uploads.recordAnalysis(upload.id, analysis, 'analyzer');
    });
  }

  /** Ends the upload REJECTED (bad input) or FAILED (gave up), from wherever it is now; removes a rejected object. */
  async fail(
    uploadId: string,
    kind: 'REJECTED' | 'FAILED',
    failure: { stage?: PipelineStage; reason: string },
  ): Promise<UploadRecord | null> {
    const { uploads } = this.deps;
    for (let attempt = 0; attempt < 3; attempt++) {
      const upload = await uploads.findById(uploadId);
      if (!upload || isTerminal(upload.state)) return upload;
      const to = kind === 'REJECTED' && canTransition(upload.state, 'REJECTED') ? 'REJECTED' : 'FAILED';
      const stage = failure.stage ?? STAGE_OF_STATE[upload.state];
      const outcome = await uploads.transition(upload.id, {
        from: upload.state,
        to,
        actor: 'analyzer',
        failure: { stage, reason: failure.reason },
      });
      if (!outcome.applied) continue;
      // Only once REJECTED is ours: had another delivery moved the upload on (to COMPLETED), its object is live.
      if (to === 'REJECTED') await this.deps.objects.delete(upload.objectKey);
      return outcome.upload;
    }
    return uploads.findById(uploadId);
  }
}
