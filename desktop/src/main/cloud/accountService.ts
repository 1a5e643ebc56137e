import { mkdir } from 'node:fs/promises';
import type { AccountStatus, ConnectionCheck, Credentials } from '@orak/core';
import type { SettingsStore } from '../settings/settingsStore';
import { readAccount, writeAccount, type StoredAccount } from './accountFile';
import { CloudApiError, CloudUnreachableError } from './cloudApiErrors';
import { createCloudApiClient, type CloudApiClient } from './cloudApiClient';

// The cloud account: which server (a setting), who is signed in (a token in the data folder). Everything
// local works without one; the upload queue asks for a session and waits when there is none.

export type CloudSession = { client: CloudApiClient; token: string; serverUrl: string };
export type SessionOrBlocker = CloudSession | { blocked: 'no-server' | 'signed-out' };

export interface AccountService {
  status(): Promise<AccountStatus>;
  setServer(serverUrl: string | null): Promise<AccountStatus>;
  signUp(credentials: Credentials): Promise<AccountStatus>;
  logIn(credentials: Credentials): Promise<AccountStatus>;
  logOut(): Promise<AccountStatus>;
  checkConnection(serverUrl?: string): Promise<ConnectionCheck>;
  session(): Promise<SessionOrBlocker>;
  /** The api refused the token (expired or revoked): forget it so the singer is asked to sign in again. */
  tokenRefused(token: string): Promise<void>;
  /** Called after every sign-in, sign-out or server change. */
  onChange(listener: () => void): () => void;
}

export interface AccountServiceOptions {
  dataDir: string;
  settings: SettingsStore;
  now?: () => Date;
  clientFor?: (serverUrl: string) => CloudApiClient;
}

export function createAccountService(options: AccountServiceOptions): AccountService {
  const now = options.now ?? (() => new Date());
  const clientFor = options.clientFor ?? ((url: string) => createCloudApiClient(url));
  const listeners = new Set<() => void>();
  let cached: StoredAccount | null | undefined;

  const stored = async () => (cached === undefined ? (cached = await readAccount(options.dataDir)) : cached);
  const serverUrl = async () => (await options.settings.get()).cloudServerUrl;
  const changed = () => listeners.forEach((listener) => listener());

  async function save(account: StoredAccount | null): Promise<void> {
    await mkdir(options.dataDir, { recursive: true });
    await writeAccount(options.dataDir, account);
    cached = account;
    changed();
  }

  /** The stored account when it belongs to the current server and has not expired. */
  async function current(): Promise<StoredAccount | null> {
    const account = await stored();
    const server = await serverUrl();
    if (!account || account.serverUrl !== server) return null;
    return Date.parse(account.expiresAt) > now().getTime() ? account : null;
  }

  async function status(): Promise<AccountStatus> {
    const account = await current();
    return {
      serverUrl: await serverUrl(),
      signedIn: account !== null,
      email: account?.email ?? (await stored())?.email ?? null,
      expiresAt: account?.expiresAt ?? null,
    };
  }

  async function authenticate(kind: 'register' | 'login', credentials: Credentials): Promise<AccountStatus> {
    const server = await serverUrl();
    if (!server) throw new Error('set the server address first');
    const client = clientFor(server);
    const auth = kind === 'register' ? await client.register(credentials) : await client.login(credentials);
    await save({ serverUrl: server, email: credentials.email, token: auth.token, expiresAt: auth.expiresAt });
    return status();
  }

  return {
    status,
    async setServer(url) {
      const normalised = url === null ? null : url.replace(/\/+$/, '');
      if (normalised !== (await serverUrl())) {
        await options.settings.update({ cloudServerUrl: normalised });
        changed();
      }
      return status();
    },
    signUp: (credentials) => authenticate('register', credentials),
    logIn: (credentials) => authenticate('login', credentials),
    async logOut() {
      await save(null);
      return status();
    },
    async checkConnection(url) {
      const server = url ?? (await serverUrl());
      if (!server) return { reachable: false, latencyMs: null, message: 'no server address set' };
      try {
        const latencyMs = await clientFor(server).health();
        return { reachable: true, latencyMs: Math.round(latencyMs * 10) / 10, message: null };
      } catch (error) {
        const message =
          error instanceof CloudUnreachableError || error instanceof CloudApiError
            ? error.message
            : String(error);
        return { reachable: false, latencyMs: null, message };
      }
    },
    async session() {
      const server = await serverUrl();
      if (!server) return { blocked: 'no-server' };
      const account = await current();
      if (!account) return { blocked: 'signed-out' };
      return { client: clientFor(server), token: account.token, serverUrl: server };
    },
    async tokenRefused(token) {
      const account = await stored();
      if (account?.token === token) await save(null);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
