import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CloudServerUrlSchema } from '@orak/core';
import { writeFileAtomic } from '../storage/atomicWrite';

// The signed-in account, one file in the data folder readable by this user only; the token never leaves main.

export const ACCOUNT_FILE = 'account.json';

export const StoredAccountSchema = z.object({
  /** The server the token belongs to: a token is worthless anywhere else. */
  serverUrl: CloudServerUrlSchema,
  email: z.string(),
  token: z.string().min(1),
  expiresAt: z.iso.datetime(),
});
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

export async function readAccount(dataDir: string): Promise<StoredAccount | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, ACCOUNT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = StoredAccountSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unreadable: the singer signs in again, nothing else depends on it
  }
}

export async function writeAccount(dataDir: string, account: StoredAccount | null): Promise<void> {
  const path = join(dataDir, ACCOUNT_FILE);
  if (account === null) await rm(path, { force: true });
  else await writeFileAtomic(path, `${JSON.stringify(account)}\n`, 0o600);
}
