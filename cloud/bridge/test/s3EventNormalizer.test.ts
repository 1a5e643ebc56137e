import { describe, expect, it } from 'vitest';
import {
  UnrecognizedNotificationError,
  compareSequencers,
  decodeS3Key,
  normalizeS3Notification,
} from '../src/s3EventNormalizer';

// A record as versitygw v1.7.0 publishes it (read from its s3event package) and as AWS S3 documents it.
const awsRecord = (key: string, eventName = 'ObjectCreated:Put') => ({
  eventVersion: '2.2',
  eventSource: 'aws:s3',
  awsRegion: 'us-east-1',
  eventTime: '2026-11-25T21:00:00Z',
  eventName,
  userIdentity: { PrincipalId: 'orak' },
  s3: {
    s3SchemaVersion: '1.0',
    configurationId: 'webhook',
    bucket: { name: 'orak-takes', ownerIdentity: { PrincipalId: 'orak' }, arn: 'arn:aws:s3:::orak-takes' },
    object: { key, size: 2048, eTag: '"9b2cf535f27731c974343645a3985328"', versionId: null, sequencer: '1A' },
  },
});

const eventBridge = {
  version: '0',
  id: 'c9888434-815d-c6f4-9fc2-4dd7bdeccaaf',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '528068194338',
  time: '2026-11-25T21:00:01Z',
  region: 'eu-west-1',
  resources: ['arn:aws:s3:::orak-takes'],
  detail: {
    version: '0',
    bucket: { name: 'orak-takes' },
    object: { key: 'users/u/1/take.wav', size: 4096, etag: 'abc-2', sequencer: '0064D3901D00059242' },
    reason: 'CompleteMultipartUpload',
  },
};

describe('normalizeS3Notification', () => {
  it('reads the AWS S3 record shape, URL-decoding the key and unquoting the etag', () => {
    const { events, ignored } = normalizeS3Notification({
      Records: [awsRecord('users/u/1/red+flower%2B1.wav')],
    });
    expect(ignored).toBe(0);
    expect(events).toEqual([
      {
        bucket: 'orak-takes',
        key: 'users/u/1/red flower+1.wav',
        sizeBytes: 2048,
        etag: '9b2cf535f27731c974343645a3985328',
        sequencer: '1A',
        eventTime: '2026-11-25T21:00:00Z',
      },
    ]);
  });

  it("accepts versitygw's CompleteMultipartUpload record, which carries no size (v1.7.0 leaves it 0)", () => {
    const record = awsRecord('users/u/2/long_take.wav', 's3:ObjectCreated:CompleteMultipartUpload');
    record.s3.object = { ...record.s3.object, size: 0, eTag: '"5d41402abc4b2a76b9719d911017c592-4"' };
    const { events, ignored } = normalizeS3Notification({ Records: [record] });
    expect(ignored).toBe(0);
    expect(events).toEqual([
      expect.objectContaining({
        key: 'users/u/2/long_take.wav',
        sizeBytes: 0,
        etag: '5d41402abc4b2a76b9719d911017c592-4',
      }),
    ]);
  });

  it('reads the EventBridge "Object Created" shape', () => {
    const { events, shape } = normalizeS3Notification(eventBridge);
    expect(shape).toBe('eventbridge');
    expect(events).toEqual([
      {
        bucket: 'orak-takes',
        key: 'users/u/1/take.wav',
        sizeBytes: 4096,
        etag: 'abc-2',
        sequencer: '0064D3901D00059242',
        eventTime: '2026-11-25T21:00:01Z',
      },
    ]);
  });

  it('unwraps an SNS envelope', () => {
    const sns = {
      Type: 'Notification',
      Message: JSON.stringify({ Records: [awsRecord('users/u/1/a.wav')] }),
    };
    expect(normalizeS3Notification(sns).events.map((e) => e.key)).toEqual(['users/u/1/a.wav']);
  });

  it('ignores deletions, the s3:TestEvent and other EventBridge types', () => {
    expect(normalizeS3Notification({ Records: [awsRecord('k', 'ObjectRemoved:Delete')] })).toEqual({
      shape: 'records',
      events: [],
      ignored: 1,
    });
    expect(normalizeS3Notification({ Service: 'S3', Event: 's3:TestEvent', Bucket: 'b' }).ignored).toBe(1);
    expect(normalizeS3Notification({ ...eventBridge, 'detail-type': 'Object Deleted' }).events).toEqual([]);
  });

  it('accepts the "s3:" prefixed event names some servers send', () => {
    expect(
      normalizeS3Notification({ Records: [awsRecord('k', 's3:ObjectCreated:Put')] }).events,
    ).toHaveLength(1);
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      42,
      'x',
      {},
      { Records: [{ eventName: 'ObjectCreated:Put' }] },
      { Type: 'Notification', Message: '{' },
    ]) {
      expect(() => normalizeS3Notification(bad)).toThrow(UnrecognizedNotificationError);
    }
  });
});

describe('keys and sequencers', () => {
  it('decodes keys and leaves undecodable ones alone', () => {
    expect(decodeS3Key('a%20b+c')).toBe('a b c');
    expect(decodeS3Key('100%')).toBe('100%');
  });

  it('compares sequencers of different lengths as numbers', () => {
    expect(compareSequencers('A', '10')).toBeLessThan(0);
    expect(compareSequencers('0064D3901D00059242', '64D3901D00059243')).toBeLessThan(0);
    expect(compareSequencers('ff', 'FF')).toBe(0);
  });
});
