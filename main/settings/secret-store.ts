/** Where the SIP password lives. Never a plain-text file. */
export interface SecretStore {
  readonly persistent: boolean;
  get(): string | null;
  set(secret: string): void;
}

/**
 * Browser mode has no OS keystore: the password is held for this run only and the agent
 * enters it again at the next start. (Electron uses safeStorage: main/electron/safe-storage-secret-store.ts.)
 */
export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  private secret: string | null = null;
  get(): string | null {
    return this.secret;
  }
  set(secret: string): void {
    this.secret = secret;
  }
}
