// How the sign-in token is protected at rest: the operating system's keychain when Electron offers it
// (safeStorage), otherwise only the file's permissions. Plain modules and tests never import Electron.

/** 'os-keychain': encrypted with a key the OS keeps; 'file-permissions': readable by this user only (not on Windows). */
export type SecretProtection = 'os-keychain' | 'file-permissions';

export interface SecretSealer {
  readonly protection: SecretProtection;
  /** Text safe to write to disk. */
  seal(secret: string): string;
  /** The secret back; throws when this sealer cannot open it (another machine, another keychain). */
  open(sealed: string): string;
}

/** No encryption: the account file's 0600 mode is all that protects the token. */
export const fileOnlySealer: SecretSealer = {
  protection: 'file-permissions',
  seal: (secret) => secret,
  open: (sealed) => sealed,
};
