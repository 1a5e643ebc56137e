import { randomBytes } from 'node:crypto';
import { cloudServiceEnv } from '../../../ops/src/cloudStack';
import { stopServices } from '../../../ops/src/localStack';
import type { ServiceHandle } from '../../../ops/src/serviceProcess';
import { startCloudService } from '../../../ops/src/services/cloudService';
import type { StackSettings } from '../../../ops/src/stackSettings';

// The cloud services the desktop talks to (api, bridge, analyzer), started from ops/ over a running
// infrastructure; a second api with short-lived presigned URLs lets a test see one expire for real.

export interface DesktopCloud {
  apiUrl: string;
  /** Same database and bucket, but presigned requests live `shortTtlSec` seconds. */
  shortTtlApiUrl: string | null;
  stop(): Promise<void>;
}

export async function startDesktopCloud(
  settings: StackSettings,
  options: { shortTtlSec?: number } = {},
): Promise<DesktopCloud> {
  const env = { ...cloudServiceEnv(settings), LOG_LEVEL: 'warn' };
  const started: ServiceHandle[] = [];
  const stop = () => stopServices(started);
  try {
    // The api first and alone: it runs the migrations the others expect.
    const api = await startCloudService('api', { env });
    started.push(api);
    const track = (handle: Promise<ServiceHandle<{ url: string }>>) =>
      handle.then((handle_) => (started.push(handle_), handle_));
    const [, , shortTtl] = await Promise.all([
      track(
        startCloudService('bridge', { env: { ...env, BRIDGE_TOKEN: randomBytes(24).toString('base64url') } }),
      ),
      track(startCloudService('analyzer', { env })),
      options.shortTtlSec
        ? track(startCloudService('api', { env: { ...env, PRESIGN_TTL_SEC: String(options.shortTtlSec) } }))
        : Promise.resolve(null),
    ]);
    return { apiUrl: api.settings.url, shortTtlApiUrl: shortTtl?.settings.url ?? null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
