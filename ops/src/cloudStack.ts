import { randomBytes } from 'node:crypto';
import type { ServiceHandle } from './serviceProcess';
import { startCloudService, type CloudServiceName } from './services/cloudService';
import type { StackSettings } from './stackSettings';

export interface CloudStackSettings {
  apiUrl: string;
  bridgeUrl: string;
  bridgeToken: string;
  serviceUrls: Record<CloudServiceName, string>;
}

/** The environment every cloud service reads (see cloud/common/src/config/envConfig.ts). */
export function cloudServiceEnv(settings: StackSettings): Record<string, string> {
  return {
    DATABASE_URL: settings.postgres.url,
    KAFKA_BROKERS: settings.kafka.brokers,
    S3_ENDPOINT: settings.s3.endpoint,
    S3_REGION: settings.s3.region,
    S3_BUCKET: settings.s3.bucket,
    S3_ACCESS_KEY_ID: settings.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: settings.s3.secretAccessKey,
    S3_EVENTS_TOPIC: settings.s3.eventTopic,
  };
}

/**
 * Starts api, bridge, analyzer and reconciler against a running infrastructure. The api goes first and
 * alone because it runs the database migrations the others expect; the rest start together.
 */
export async function startCloudServices(
  settings: StackSettings,
  onStarted: (handle: ServiceHandle) => void,
): Promise<CloudStackSettings> {
  const env = cloudServiceEnv(settings);
  const bridgeToken = randomBytes(24).toString('base64url');
  const api = await startCloudService('api', { env });
  onStarted(api);
  const [bridge, analyzer, reconciler] = await Promise.all([
    startCloudService('bridge', { env: { ...env, BRIDGE_TOKEN: bridgeToken } }).then(
      (h) => (onStarted(h), h),
    ),
    startCloudService('analyzer', { env }).then((h) => (onStarted(h), h)),
    startCloudService('reconciler', { env }).then((h) => (onStarted(h), h)),
  ]);
  return {
    apiUrl: api.settings.url,
    bridgeUrl: bridge.settings.url,
    bridgeToken,
    serviceUrls: {
      api: api.settings.url,
      bridge: bridge.settings.url,
      analyzer: analyzer.settings.url,
      reconciler: reconciler.settings.url,
    },
  };
}
