import type { PoolClient } from './pgPool';

// Remembers which S3 events were already handled, so a redelivery is dropped.

export async function markEventSeen(
  db: PoolClient,
  event: { bucket: string; key: string; sequencer: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO s3_events_seen (bucket, object_key, sequencer) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [event.bucket, event.key, event.sequencer],
  );
  return rowCount === 1;
}
