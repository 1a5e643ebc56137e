import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log/logger';
import { withTrace } from '../src/log/traceScope';

interface LokiPush {
  streams: { stream: Record<string, string>; values: [string, string, Record<string, string>?][] }[];
}

describe('shipping logs to Loki (pino-loki)', () => {
  let server: Server;
  const pushes: LokiPush[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        paths.push(req.url ?? '');
        pushes.push(JSON.parse(raw) as LokiPush);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    delete process.env.LOKI_URL;
    await new Promise((resolve) => server.close(resolve));
  });

  it('ships the trace id as structured metadata, never as a label, and redacts secrets', async () => {
    process.env.LOKI_URL = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const log = createLogger('shiptest');
    const traceId = '0123456789abcdef0123456789abcdef';
    withTrace(traceId, () => log.info({ uploadId: 'u-1', password: 'hunter2-secret' }, 'take uploaded'));
    await expect.poll(() => pushes.length, { timeout: 15_000, interval: 100 }).toBeGreaterThan(0);
    expect(paths[0]).toBe('/loki/api/v1/push');
    const stream = pushes[0]!.streams[0]!;
    expect(stream.stream.service).toBe('orak-shiptest');
    expect(Object.keys(stream.stream)).not.toContain('traceId');
    const [, line, metadata] = stream.values[0]!;
    expect(metadata).toEqual({ traceId });
    const entry = JSON.parse(line) as {
      msg: string;
      uploadId: string;
      password: string;
      trace: { traceId: string };
    };
    expect(entry.msg).toBe('take uploaded');
    expect(entry.trace.traceId).toBe(traceId);
    expect(entry.password).toBe('[redacted]');
    expect(line).not.toContain('hunter2-secret');
  });
});
