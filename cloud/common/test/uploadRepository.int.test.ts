import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { IllegalTransitionError, UploadRepository } from '../src/db/uploadRepository';
import { UserRepository } from '../src/db/userRepository';
import { runMigrations } from '../src/db/migrator';
import type { Pool } from '../src/db/pgPool';
import { createTestDatabase } from './testDatabase';
import type { Analysis } from '@orak/core';

const services = inject('services');
let pool: Pool;
let drop: () => Promise<void>;
let uploads: UploadRepository;
let userId: string;

beforeAll(async () => {
  ({ pool, drop } = await createTestDatabase(services.postgres.url));
  uploads = new UploadRepository(pool);
  userId = randomUUID();
  await new UserRepository(pool).create({ id: userId, email: `${userId}@example.com`, passwordHash: 'x' });
});
afterAll(async () => drop());

async function newUpload() {
  const id = randomUUID();
  return uploads.create({
    id,
    userId,
    bucket: 'b',
    objectKey: `users/${userId}/${id}/take.wav`,
    fileName: 'take.wav',
    contentType: 'audio/wav',
    sizeBytes: 1234,
    urlExpiresAt: new Date(Date.now() + 60_000),
  });
}

const analysis: Analysis = {
  range: { lowest: { midi: 48, note: 'C3', hz: 130.81 }, highest: { midi: 67, note: 'G4', hz: 392 } },
  tessitura: { low: { midi: 52, note: 'E3', hz: 164.81 }, high: { midi: 62, note: 'D4', hz: 293.66 } },
  voiceType: { label: 'baritone', confidence: 0.7 },
  timbre: { brightnessHz: 1500, hnrDb: 12, breathiness: 0.3, vibratoRateHz: null, vibratoExtentCents: null },
  stats: { voicedSec: 10, voicedRatio: 0.5, sustainedNotes: 12, meanMidi: 57, pitchStabilityCents: 20 },
  histogram: { '57': 3.5 },
};

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(pool)).toEqual([]);
  });
});

describe('UploadRepository transitions (real PostgreSQL)', () => {
  it('starts in REQUESTED with one history row', async () => {
    const upload = await newUpload();
    expect(upload.state).toBe('REQUESTED');
    expect(upload.version).toBe(1);
    const history = await uploads.history(upload.id);
    expect(history.map((h) => [h.state, h.actor])).toEqual([['REQUESTED', 'api']]);
  });

  it('moves with compare-and-set and writes a history row per step', async () => {
    const upload = await newUpload();
    const first = await uploads.transition(upload.id, {
      from: 'REQUESTED',
      to: 'UPLOADED',
      actor: 'bridge',
      detail: 'seq 0A',
      object: { etag: 'abc', sizeBytes: 1234 },
    });
    expect(first.applied).toBe(true);
    if (!first.applied) return;
    expect(first.upload.state).toBe('UPLOADED');
    expect(first.upload.version).toBe(2);
    expect(first.upload.objectEtag).toBe('abc');
    const history = await uploads.history(upload.id);
    expect(history.map((h) => `${h.state}/${h.actor}/${h.detail}`)).toEqual([
      'REQUESTED/api/presigned request issued',
      'UPLOADED/bridge/seq 0A',
    ]);
  });

  it('treats a duplicate transition as a no-op', async () => {
    const upload = await newUpload();
    await uploads.transition(upload.id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    const again = await uploads.transition(upload.id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    expect(again.applied).toBe(false);
    if (again.applied) return;
    expect(again.current?.state).toBe('UPLOADED');
    expect(again.current?.version).toBe(2);
    expect(await uploads.history(upload.id)).toHaveLength(2);
  });

  it('never regresses on a late event', async () => {
    const upload = await newUpload();
    for (const [from, to] of [
      ['REQUESTED', 'UPLOADED'],
      ['UPLOADED', 'VALIDATING'],
      ['VALIDATING', 'VALIDATED'],
    ] as const) {
      expect((await uploads.transition(upload.id, { from, to, actor: 'analyzer' })).applied).toBe(true);
    }
    const late = await uploads.transition(upload.id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    expect(late.applied).toBe(false);
    expect((await uploads.findById(upload.id))?.state).toBe('VALIDATED');
  });

  it('lets exactly one of many concurrent identical transitions win', async () => {
    const upload = await newUpload();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        uploads.transition(upload.id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' }),
      ),
    );
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    expect(await uploads.history(upload.id)).toHaveLength(2);
  });

  it('honours an expected version', async () => {
    const upload = await newUpload();
    const stale = await uploads.transition(upload.id, {
      from: 'REQUESTED',
      to: 'UPLOADED',
      actor: 'bridge',
      expectedVersion: 7,
    });
    expect(stale.applied).toBe(false);
    const fresh = await uploads.transition(upload.id, {
      from: 'REQUESTED',
      to: 'UPLOADED',
      actor: 'bridge',
      expectedVersion: 1,
    });
    expect(fresh.applied).toBe(true);
  });

  it('refuses edges the state machine does not have, and failures without a reason', async () => {
    const upload = await newUpload();
    await expect(
      uploads.transition(upload.id, { from: 'REQUESTED', to: 'COMPLETED', actor: 'analyzer' }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(
      uploads.transition(upload.id, { from: 'REQUESTED', to: 'FAILED', actor: 'analyzer' }),
    ).rejects.toThrow(/needs a failure/);
    expect((await uploads.findById(upload.id))?.state).toBe('REQUESTED');
  });

  it('records the failing stage and reason, and a terminal state stays put', async () => {
    const upload = await newUpload();
    await uploads.transition(upload.id, { from: 'REQUESTED', to: 'UPLOADED', actor: 'bridge' });
    await uploads.transition(upload.id, { from: 'UPLOADED', to: 'VALIDATING', actor: 'analyzer' });
    const rejected = await uploads.transition(upload.id, {
      from: 'VALIDATING',
      to: 'REJECTED',
      actor: 'analyzer',
      failure: { stage: 'validate', reason: 'not audio: no RIFF header' },
    });
    expect(rejected.applied).toBe(true);
    const row = await uploads.findById(upload.id);
    expect(row?.failureStage).toBe('validate');
    expect(row?.failureReason).toBe('not audio: no RIFF header');
    const history = await uploads.history(upload.id);
    expect(history.at(-1)).toMatchObject({
      state: 'REJECTED',
      actor: 'analyzer',
      detail: 'not audio: no RIFF header',
    });
  });

  it('stores the analysis at ANALYZED and the recommendations at COMPLETED, each once', async () => {
    const upload = await newUpload();
    const path = ['UPLOADED', 'VALIDATING', 'VALIDATED', 'QUEUED', 'ANALYZING'] as const;
    let from: (typeof path)[number] | 'REQUESTED' = 'REQUESTED';
    for (const to of path) {
      expect((await uploads.transition(upload.id, { from, to, actor: 'analyzer' })).applied).toBe(true);
      from = to;
    }
    expect((await uploads.recordAnalysis(upload.id, analysis, 'analyzer')).applied).toBe(true);
    const again = await uploads.recordAnalysis(upload.id, { ...analysis, histogram: { '1': 1 } }, 'analyzer');
    expect(again.applied).toBe(false);
    if (!again.applied) expect(again.current?.state).toBe('ANALYZED');
    expect(await uploads.result(upload.id)).toEqual({ analysis, recommendations: null });
    await uploads.transition(upload.id, { from: 'ANALYZED', to: 'RECOMMENDING', actor: 'analyzer' });
    expect((await uploads.complete(upload.id, [], 'analyzer')).applied).toBe(true);
    expect((await uploads.complete(upload.id, [], 'analyzer')).applied).toBe(false);
    expect(await uploads.result(upload.id)).toEqual({ analysis, recommendations: [] });
    expect((await uploads.history(upload.id)).map((h) => h.state)).toEqual([
      'REQUESTED',
      ...path,
      'ANALYZED',
      'RECOMMENDING',
      'COMPLETED',
    ]);
  });

  it('finds stale live uploads and counts a re-drive only if nothing moved meanwhile', async () => {
    const upload = await newUpload();
    const stale = await uploads.findStale(['REQUESTED'], new Date(Date.now() + 1000), 1000);
    expect(stale.map((u) => u.id)).toContain(upload.id);
    expect(await uploads.markRedriven(upload.id, { state: 'REQUESTED', version: 1 }, 'stuck')).toBe(true);
    expect(await uploads.markRedriven(upload.id, { state: 'REQUESTED', version: 1 }, 'stuck')).toBe(false);
    const after = await uploads.findById(upload.id);
    expect(after?.redrives).toBe(1);
    expect(after?.version).toBe(2);
    expect((await uploads.history(upload.id)).at(-1)).toMatchObject({
      state: 'REQUESTED',
      actor: 'reconciler',
    });
  });

  it('counts uploads per state and the age of the oldest live one', async () => {
    await newUpload();
    const { byState, oldestNonTerminalAgeSeconds } = await uploads.countLive();
    expect(byState.REQUESTED).toBeGreaterThanOrEqual(1);
    expect(byState.COMPLETED).toBeGreaterThanOrEqual(1);
    expect(oldestNonTerminalAgeSeconds).toBeGreaterThan(0);
    expect(oldestNonTerminalAgeSeconds).toBeLessThan(600);
  });
});
