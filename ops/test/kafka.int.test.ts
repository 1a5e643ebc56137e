import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import './support/providedContext';

describe('Kafka (real KRaft broker)', () => {
  const { kafka: settings } = inject('services');
  const kafka = new Kafka({ clientId: 'smoke', brokers: [settings.brokers], logLevel: logLevel.NOTHING });

  it('round-trips keyed messages through a 3-partition topic, each key on one stable partition', async () => {
    const topic = `smoke-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
    await admin.disconnect();

    const keys = ['upload-a', 'upload-b', 'upload-c', 'upload-d', 'upload-e', 'upload-f'];
    const producer = kafka.producer();
    await producer.connect();
    for (let round = 0; round < 3; round++) {
      await producer.send({ topic, messages: keys.map((key) => ({ key, value: `${key}#${round}` })) });
    }
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: { key: string; value: string; partition: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} of 18 messages arrived`)), 30_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
          if (seen.length === keys.length * 3) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();

    expect(seen).toHaveLength(18);
    const partitionsByKey = new Map<string, Set<number>>();
    for (const { key, partition } of seen) {
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(partition));
    }
    for (const key of keys) expect(partitionsByKey.get(key)?.size).toBe(1);
    // Within one key, order is kept.
    for (const key of keys) {
      expect(seen.filter((m) => m.key === key).map((m) => m.value)).toEqual([
        `${key}#0`,
        `${key}#1`,
        `${key}#2`,
      ]);
    }
    // Six keys over three partitions: more than one partition is used.
    expect(new Set(seen.map((m) => m.partition)).size).toBeGreaterThan(1);
  });
});
