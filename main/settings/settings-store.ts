import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { defaultSettings, Settings } from '../../shared';

/**
 * Settings persisted as JSON, validated on every read. A corrupt file never stops the app:
 * it is kept aside for support and the defaults are used.
 */
export class SettingsStore {
  private current: Settings;

  constructor(
    private readonly file: string,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.current = this.load();
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.current, ...patch });
    writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.current = next;
    return next;
  }

  private load(): Settings {
    if (!existsSync(this.file)) return defaultSettings;
    try {
      const parsed = Settings.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      this.log('settings file failed its schema; using defaults');
    } catch {
      this.log('settings file is not JSON; using defaults');
    }
    renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
    return defaultSettings;
  }
}

/** Write to a temp file, fsync, rename: a crash leaves the old file or the new one, never half. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
