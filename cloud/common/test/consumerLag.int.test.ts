import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createKafkaClient, createProducer, ensureTopics, readConsumerLag } from '../src/index';
import '../../../ops/test/support/providedContext';

describe('consumer lag from the real broker', () => {
  it('counts what a group has not committed yet, over every partition', async () => {
    const kafka = createKafkaClient({ brokers: [inject('services').kafka.brokers], clientId: 'lag-test' });
    const topic = `lag-${randomUUID()}`;
    const groupId = `lag-group-${randomUUID()}`;
    await ensureTopics(kafka, [{ topic, partitions: 2 }]);
    const producer = await createProducer(kafka);
    await producer.send(
      topic,
      Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    await producer.close();
    expect(await readConsumerLag(kafka, groupId, topic)).toBe(6);

    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    const busiest = ends.reduce((a, b) => (Number(a.high) >= Number(b.high) ? a : b));
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [{ partition: busiest.partition, offset: busiest.high }],
    });
    await admin.disconnect();
    expect(await readConsumerLag(kafka, groupId, topic)).toBe(6 - Number(busiest.high));
  });
});
