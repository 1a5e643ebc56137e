import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuthResponse, Credentials } from '@orak/core';
import { EmailTakenError, type UserRepository } from '@orak/cloud-common';
import { ApiError } from '../http/apiError';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './passwordHasher';

// Accounts: register, log in, resolve a bearer token. Tokens are random; only their SHA-256 is stored.

export interface AccountServiceOptions {
  tokenTtlSec: number;
  scrypt?: ScryptParams;
  now?: () => Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();

export class AccountService {
  private readonly now: () => Date;
  // Verifying against this when the email is unknown keeps login time the same either way.
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly options: AccountServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'), options.scrypt ?? DEFAULT_SCRYPT);
  }

  async register(credentials: Credentials): Promise<AuthResponse> {
    const id = randomUUID();
    const passwordHash = await hashPassword(credentials.password, this.options.scrypt ?? DEFAULT_SCRYPT);
    try {
      await this.users.create({ id, email: credentials.email, passwordHash });
    } catch (error) {
      if (error instanceof EmailTakenError)
        throw new ApiError(409, 'email_taken', 'email already registered');
      throw error;
    }
    return this.issueToken(id);
  }

  async login(credentials: Credentials): Promise<AuthResponse> {
    const user = await this.users.findByEmail(credentials.email);
    const ok = await verifyPassword(credentials.password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    return this.issueToken(user.id);
  }

  async authenticate(token: string): Promise<string | null> {
    return this.users.findSessionUser(hashToken(token), this.now());
  }

  private async issueToken(userId: string): Promise<AuthResponse> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + this.options.tokenTtlSec * 1000);
    await this.users.createSession(hashToken(token), userId, expiresAt);
    return { token, expiresAt: expiresAt.toISOString() };
  }
}
