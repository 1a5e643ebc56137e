import { mkdir } from 'node:fs/promises';
import type { AccountStatus, ConnectionCheck, Credentials } from '@orak/core';
import type { SettingsStore } from '../settings/settingsStore';
import { readAccount, writeAccount, type StoredAccount } from './accountFile';
import { fileOnlySealer, type SecretSealer } from './secretSealer';
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
  /** Seals the token on disk; the default relies on the file's permissions alone. */
  sealer?: SecretSealer;
}

export function createAccountService(options: AccountServiceOptions): AccountService {
  const now = options.now ?? (() => new Date());
  const clientFor = options.clientFor ?? ((url: string) => createCloudApiClient(url));
  const listeners = new Set<() => void>();
  const sealer = options.sealer ?? fileOnlySealer;
  let cached: StoredAccount | null | undefined;

  async function stored(): Promise<StoredAccount | null> {
    if (cached !== undefined) return cached;
    const read = await readAccount(options.dataDir, sealer);
    cached = read?.account ?? null;
    // A token written before the keychain was used is sealed now rather than left in the clear.
    if (read && read.protection !== sealer.protection)
      await writeAccount(options.dataDir, read.account, sealer);
    return cached;
  }
  const serverUrl = async () => (await options.settings.get()).cloudServerUrl;
  const changed = () => listeners.forEach((listener) => listener());

  async function save(account: StoredAccount | null): Promise<void> {
    await mkdir(options.dataDir, { recursive: true });
    await writeAccount(options.dataDir, account, sealer);
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
      tokenProtection: sealer.protection,
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
      const saved = await serverUrl();
      // Only the saved server is ever contacted: the renderer must not make main fetch arbitrary URLs.
      if (url !== undefined && url.replace(/\/+$/, '') !== saved)
        return {
          reachable: false,
          latencyMs: null,
          message: 'save this server address first, then check it',
        };
      const server = saved;
      if (!server) return { reachable: false, latencyMs: null, message: 'no server address set' };
      if (!/^https?:$/.test(new URL(server).protocol))
        return { reachable: false, latencyMs: null, message: 'the server address must be http or https' };
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
