import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError, createDesktopBridge, createDesktopBridgeDispatcher } from '@orak/core';
import type { AppInfo } from '@orak/core';
import { createMainServices } from '../src/main/mainServices';

// The renderer's typed client -> the contract's dispatcher -> the real main-process services, minus Electron.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orak-bridge-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const info = (): AppInfo => ({
  name: 'Orakgarak',
  version: '0.1.0',
  platform: 'linux',
  host: 'electron',
  dataDir: dir,
});

async function connect() {
  const { handlers } = await createMainServices(dir, info);
  const dispatch = createDesktopBridgeDispatcher(handlers);
  // Round-trip through structured clone, as IPC does, so nothing relies on shared object identity.
  return {
    dispatch,
    bridge: createDesktopBridge(async (envelope) => structuredClone(await dispatch(envelope))),
  };
}

describe('desktop bridge over the main-process services', () => {
  it('answers app.info and round-trips settings through the store', async () => {
    const { bridge } = await connect();
    expect((await bridge.invoke('app.info', {})).dataDir).toBe(dir);
    expect((await bridge.invoke('settings.update', { noteNaming: 'korean' })).noteNaming).toBe('korean');
    expect((await bridge.invoke('settings.get', {})).noteNaming).toBe('korean');
  });

  it('refuses unknown methods and malformed payloads at the main-process door', async () => {
    const { dispatch } = await connect();
    expect(await dispatch({ method: 'fs.readFile', payload: { path: '/etc/passwd' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await dispatch({ method: 'settings.update', payload: { language: 'fr' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await dispatch({ method: 'settings.update', payload: { extra: true } })).toMatchObject({
      ok: false,
    });
    expect(await dispatch('not an envelope')).toMatchObject({ ok: false });
  });

  it('validates in the client too, before anything is sent', async () => {
    const { bridge } = await connect();
    // @ts-expect-error -- the contract's types already forbid this; the runtime check is the second line.
    await expect(bridge.invoke('settings.update', { noteNaming: 'solfege' })).rejects.toBeInstanceOf(
      BridgeError,
    );
  });

  it('reports a failing handler as a failed response instead of crashing the channel', async () => {
    const { handlers } = await createMainServices(dir, () => {
      throw new Error('disk on fire');
    });
    const dispatch = createDesktopBridgeDispatcher(handlers);
    expect(await dispatch({ method: 'app.info', payload: {} })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'app.info: disk on fire' },
    });
  });

  it('refuses a handler response that breaks the contract', async () => {
    const { handlers } = await createMainServices(dir, info);
    const dispatch = createDesktopBridgeDispatcher({
      ...handlers,
      'settings.get': async () => ({ noteNaming: 'both' }) as never,
    });
    expect(await dispatch({ method: 'settings.get', payload: {} })).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    });
  });

  it('serves the library: albums, takes moved between them, queries, all on disk', async () => {
    const { bridge, dispatch } = await connect();
    expect(await bridge.invoke('library.status', {})).toEqual({
      state: 'ready',
      message: null,
      recoveries: [],
    });
    const ballads = await bridge.invoke('library.createAlbum', { name: 'Ballads' });
    const duets = await bridge.invoke('library.createAlbum', { name: 'Duets' });
    expect(
      (await bridge.invoke('library.reorderAlbums', { orderedIds: [duets.id, ballads.id] })).map(
        (a) => a.name,
      ),
    ).toEqual(['Duets', 'Ballads']);
    expect(await bridge.invoke('library.queryTakes', { search: 'x' })).toEqual({ total: 0, items: [] });
    expect(await dispatch({ method: 'library.queryTakes', payload: { limit: 5000 } })).toMatchObject({
      ok: false,
    });
    const reopened = await createMainServices(dir, info);
    expect(
      reopened.library
        .require()
        .albums()
        .map((a) => a.name),
    ).toEqual(['Duets', 'Ballads']);
  });

  it('keeps the app usable when the library is unreadable, and says why', async () => {
    await mkdir(join(dir, 'library'), { recursive: true });
    await writeFile(join(dir, 'library', 'library.json'), '{"schemaVersion": 2, "albums": [');
    const { bridge } = await connect();
    const status = await bridge.invoke('library.status', {});
    expect(status.state).toBe('unreadable');
    expect(status.message).toMatch(/no backup/);
    await expect(bridge.invoke('library.albums', {})).rejects.toThrow(/no backup/);
    expect((await bridge.invoke('settings.get', {})).language).toBe('en');
  });
});
