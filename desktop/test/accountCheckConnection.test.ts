import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountService } from '../src/main/cloud/accountService';
import type { CloudApiClient } from '../src/main/cloud/cloudApiClient';
import { createSettingsStore } from '../src/main/settings/settingsStore';

// account.checkConnection contacts the saved server only, and never follows a redirect elsewhere.

let dir: string;
const servers: Server[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-check-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('account.checkConnection', () => {
  it('refuses any address but the saved server, without contacting it', async () => {
    const contacted: string[] = [];
    const account = createAccountService({
      dataDir: dir,
      settings: createSettingsStore(dir),
      clientFor: (url) => {
        contacted.push(url);
        return { health: async () => 5 } as unknown as CloudApiClient;
      },
    });
    expect(await account.checkConnection('http://169.254.169.254/latest')).toMatchObject({
      reachable: false,
      message: expect.stringMatching(/save this server address first/),
    });
    expect(contacted).toEqual([]);
    await account.setServer('http://127.0.0.1:7/');
    expect((await account.checkConnection('http://127.0.0.1:7/')).reachable).toBe(true);
    expect((await account.checkConnection()).reachable).toBe(true);
    expect(contacted).toEqual(['http://127.0.0.1:7', 'http://127.0.0.1:7']);
  });

  it('does not follow a redirect from the saved server to another host', async () => {
    let elsewhereHits = 0;
    const elsewhere = await listen((_request, response) => {
      elsewhereHits++;
      response.end('ok');
    });
    const saved = await listen((_request, response) => {
      response.writeHead(302, { location: `${elsewhere}/healthz` }).end();
    });
    const account = createAccountService({ dataDir: dir, settings: createSettingsStore(dir) });
    await account.setServer(saved);
    const check = await account.checkConnection(saved);
    expect(check.reachable).toBe(false);
    expect(elsewhereHits).toBe(0);
  });
});
