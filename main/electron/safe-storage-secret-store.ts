import type { SafeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import type { SecretStore } from '../settings/secret-store';
import { writeFileAtomic } from '../settings/settings-store';

/** The SIP password encrypted by the OS keystore (safeStorage); only the ciphertext touches disk. */
export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorage,
    private readonly file: string,
  ) {}

  get persistent(): boolean {
    return this.safeStorage.isEncryptionAvailable();
  }

  private memory: string | null = null;

  get(): string | null {
    if (!this.persistent) return this.memory;
    if (!existsSync(this.file)) return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(readFileSync(this.file, 'utf8'), 'base64'));
    } catch {
      return null;
    }
  }

  set(secret: string): void {
    if (!this.persistent) {
      this.memory = secret; // no keystore: this session only, never plain text on disk
      return;
    }
    writeFileAtomic(this.file, this.safeStorage.encryptString(secret).toString('base64'));
  }
}
