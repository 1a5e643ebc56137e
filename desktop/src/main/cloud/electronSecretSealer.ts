import { safeStorage } from 'electron';
import { fileOnlySealer, type SecretSealer } from './secretSealer';

// The Electron-only sealer: safeStorage (Keychain, DPAPI, libsecret/kwallet); call after the app is ready.

export function electronSecretSealer(): SecretSealer {
  // Without a keyring (e.g. a bare Linux session) safeStorage would use a fixed key: say so rather than pretend.
  if (!safeStorage.isEncryptionAvailable()) return fileOnlySealer;
  return {
    protection: 'os-keychain',
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
