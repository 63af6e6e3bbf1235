import type { DeviceChoice } from '../../../shared';

export interface DeviceInfo {
  deviceId: string;
  label: string;
}

export interface Resolved {
  /** The device to use; 'default' is the system's choice. */
  deviceId: string;
  /** The remembered device is not here (unplugged, renamed): the default is used instead. */
  fellBack: boolean;
}

/**
 * Finds the remembered device among those present: by id first, then by label (ids change
 * between sessions and after re-plugging), else the system default, saying so.
 */
export function resolveDevice(present: readonly DeviceInfo[], saved: DeviceChoice): Resolved {
  if (!saved) return { deviceId: 'default', fellBack: false };
  const byId = present.find((d) => d.deviceId === saved.id);
  if (byId) return { deviceId: byId.deviceId, fellBack: false };
  const byLabel = saved.label ? present.find((d) => d.label === saved.label) : undefined;
  if (byLabel) return { deviceId: byLabel.deviceId, fellBack: false };
  return { deviceId: 'default', fellBack: true };
}

/** The choice to store for a device picked in settings (null = follow the system default). */
export function choiceFor(present: readonly DeviceInfo[], deviceId: string): DeviceChoice {
  if (deviceId === 'default' || deviceId === '') return null;
  const d = present.find((x) => x.deviceId === deviceId);
  return d ? { id: d.deviceId, label: d.label } : null;
}
