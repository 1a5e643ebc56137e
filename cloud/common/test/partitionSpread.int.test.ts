import '../../../ops/test/support/providedContext';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createKafkaClient,
  createProducer,
  ensureTopics,
  partitionForKey,
  type MessageProducer,
} from '../src/index';

// Keying by upload id spreads a skewed workload (a few heavy users, many light ones) evenly over partitions,
// measured on the real broker: max/mean messages per partition must stay at or under 1.2.

const services = inject('services');
const PARTITIONS = 12;
const topic = `spread-${randomUUID()}`;
let producer: MessageProducer;
const kafka = createKafkaClient({ brokers: [services.kafka.brokers], clientId: 'spread-test' });

/** Message counts per partition; a topic created a moment ago may still be electing leaders, so retry. */
async function partitionCounts(name: string): Promise<{ partition: number; count: number }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const offsets = await admin.fetchTopicOffsets(name);
        return offsets.map((o) => ({ partition: o.partition, count: Number(o.high) - Number(o.low) }));
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  await ensureTopics(kafka, [{ topic, partitions: PARTITIONS }]);
  producer = await createProducer(kafka);
});
afterAll(async () => producer.close());

function skewedWorkload(): { userId: string; uploadId: string }[] {
  const uploads: { userId: string; uploadId: string }[] = [];
  const add = (users: number, filesEach: number) => {
    for (let u = 0; u < users; u++) {
      const userId = randomUUID();
      for (let f = 0; f < filesEach; f++) uploads.push({ userId, uploadId: randomUUID() });
    }
  };
  add(3, 2000); // heavy users: 6000 files
  add(2000, 2); // light users: 4000 files
  return uploads;
}

describe('partition spread on the real broker', () => {
  it('keeps max/mean messages per partition at or under 1.2 for a skewed workload', async () => {
    const workload = skewedWorkload();
    for (let i = 0; i < workload.length; i += 1000) {
      const batch = workload.slice(i, i + 1000);
      await producer.send(
        topic,
        batch.map((u) => ({ key: u.uploadId, value: JSON.stringify({ userId: u.userId }) })),
      );
    }
    const counts = (await partitionCounts(topic)).map((p) => p.count);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(workload.length);
    const mean = workload.length / PARTITIONS;
    const ratio = Math.max(...counts) / mean;
    console.log(
      `partition spread: ${workload.length} messages, counts ${counts.join(',')}, max/mean ${ratio.toFixed(3)}`,
    );
    expect(ratio).toBeLessThanOrEqual(1.2);

    // Keying by user instead would pile the heavy users onto a few partitions: the reason we key by upload.
    const byUser = new Array<number>(PARTITIONS).fill(0);
    for (const u of workload) byUser[partitionForKey(u.userId, PARTITIONS)]!++;
    console.log(`if keyed by user: max/mean ${(Math.max(...byUser) / mean).toFixed(3)}`);
    expect(Math.max(...byUser) / mean).toBeGreaterThan(1.2);
  });

  it('the producer picks the partition partitionForKey predicts, so one upload stays on one partition', async () => {
    const key = randomUUID();
    const probeTopic = `spread-probe-${randomUUID()}`;
    await ensureTopics(kafka, [{ topic: probeTopic, partitions: PARTITIONS }]);
    await producer.send(
      probeTopic,
      [1, 2, 3].map((n) => ({ key, value: String(n) })),
    );
    const counts = await partitionCounts(probeTopic);
    const used = counts.filter((p) => p.count > 0);
    expect(used).toEqual([{ partition: partitionForKey(key, PARTITIONS), count: 3 }]);
  });
});
