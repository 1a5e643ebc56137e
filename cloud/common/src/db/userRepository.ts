import type { Pool } from './pgPool';

// Accounts and their bearer sessions (stored as token hashes).

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
}

export class EmailTakenError extends Error {
  constructor() {
    super('email already registered');
    this.name = 'EmailTakenError';
  }
}

const UNIQUE_VIOLATION = '23505';

export class UserRepository {
  constructor(private readonly pool: Pool) {}

  async create(user: UserRecord): Promise<void> {
    try {
      await this.pool.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [
        user.id,
        user.email,
        user.passwordHash,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new EmailTakenError();
      throw error;
    }
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<{ id: string; email: string; password_hash: string }>(
      'SELECT id, email, password_hash FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    const row = rows[0];
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash } : null;
  }

  async createSession(tokenHash: Buffer, userId: string, expiresAt: Date): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      userId,
      expiresAt,
    ]);
  }

  /** The user behind a live (unexpired) session, or null. */
  async findSessionUser(tokenHash: Buffer, now: Date): Promise<string | null> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      'SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0]?.user_id ?? null;
  }
}
