import { describe, expect, it } from 'vitest';
import { choiceFor, resolveDevice } from './device-choice';

const present = [
  { deviceId: 'default', label: 'Default' },
  { deviceId: 'a1', label: 'Jabra Evolve2 65' },
  { deviceId: 'b2', label: 'Built-in Speakers' },
];

describe('resolveDevice', () => {
  it('finds the device by id, then by label when its id changed', () => {
    expect(resolveDevice(present, { id: 'a1', label: 'Jabra Evolve2 65' })).toEqual({
      deviceId: 'a1',
      fellBack: false,
    });
    expect(resolveDevice(present, { id: 'old-id', label: 'Jabra Evolve2 65' })).toEqual({
      deviceId: 'a1',
      fellBack: false,
    });
  });

  it('falls back to the default, and says so, when the device is gone', () => {
    expect(resolveDevice(present, { id: 'x', label: 'Plantronics' })).toEqual({
      deviceId: 'default',
      fellBack: true,
    });
    expect(resolveDevice([], { id: 'a1', label: '' })).toEqual({ deviceId: 'default', fellBack: true });
  });

  it('follows the system when nothing was chosen', () => {
    expect(resolveDevice(present, null)).toEqual({ deviceId: 'default', fellBack: false });
  });
});

describe('choiceFor', () => {
  it('remembers id and label, and null for the default', () => {
    expect(choiceFor(present, 'b2')).toEqual({ id: 'b2', label: 'Built-in Speakers' });
    expect(choiceFor(present, 'default')).toBeNull();
    expect(choiceFor(present, 'missing')).toBeNull();
  });
});
