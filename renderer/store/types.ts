import type { HostOutput } from '../../shared';

export type AppInfo = HostOutput<'app:info'>;
