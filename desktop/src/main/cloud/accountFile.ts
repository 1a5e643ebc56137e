import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CloudServerUrlSchema } from '@orak/core';
import { writeFileAtomic } from '../storage/atomicWrite';
import { fileOnlySealer, type SecretProtection, type SecretSealer } from './secretSealer';

// The signed-in account, one file in the data folder readable by this user only, the token sealed by the
// OS keychain where there is one; the token never leaves main.

export const ACCOUNT_FILE = 'account.json';

export const StoredAccountSchema = z.object({
  /** The server the token belongs to: a token is worthless anywhere else. */
  serverUrl: CloudServerUrlSchema,
  email: z.string(),
  token: z.string().min(1),
  expiresAt: z.iso.datetime(),
});
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

const SealedTokenSchema = z.object({
  protection: z.enum(['os-keychain', 'file-permissions']),
  sealed: z.string().min(1),
});

/** On disk: the token sealed; a plain string is the format before sealing (read, then rewritten sealed). */
const AccountFileSchema = StoredAccountSchema.extend({
  token: z.union([z.string().min(1), SealedTokenSchema]),
});

export interface ReadAccount {
  account: StoredAccount;
  /** How the token on disk is protected now; differs from the sealer's when it should be sealed again. */
  protection: SecretProtection;
}

export async function readAccount(
  dataDir: string,
  sealer: SecretSealer = fileOnlySealer,
): Promise<ReadAccount | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, ACCOUNT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = AccountFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { token, ...rest } = parsed.data;
    if (typeof token === 'string') return { account: { ...rest, token }, protection: 'file-permissions' };
    if (token.protection === 'file-permissions')
      return { account: { ...rest, token: fileOnlySealer.open(token.sealed) }, protection: token.protection };
    // Sealed by the keychain, which this sealer is not (the keychain went away): it cannot be opened here.
    if (sealer.protection !== 'os-keychain') return null;
    return { account: { ...rest, token: sealer.open(token.sealed) }, protection: token.protection };
  } catch {
    return null; // unreadable or unsealable: the singer signs in again, nothing else depends on it
  }
}

export async function writeAccount(
  dataDir: string,
  account: StoredAccount | null,
  sealer: SecretSealer = fileOnlySealer,
): Promise<void> {
  const path = join(dataDir, ACCOUNT_FILE);
  if (account === null) return rm(path, { force: true });
  const onDisk: z.infer<typeof AccountFileSchema> = {
    ...account,
    token: { protection: sealer.protection, sealed: sealer.seal(account.token) },
  };
  // 0600 from the first byte either way: on Windows it does nothing, which is why the keychain comes first.
  await writeFileAtomic(path, `${JSON.stringify(onDisk)}\n`, 0o600);
}
