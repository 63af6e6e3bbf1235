import { describe, expect, it } from 'vitest';
import { commandFor, commands, dtmfKeyFor } from './commands';

const key = (init: Partial<KeyboardEvent>) =>
  ({
    key: '',
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    isComposing: false,
    keyCode: 0,
    ...init,
  }) as KeyboardEvent;

describe('shortcuts', () => {
  it('map key presses to commands', () => {
    expect(commandFor(key({ key: 'Enter', ctrlKey: true }))?.id).toBe('answer');
    expect(commandFor(key({ key: 'm', ctrlKey: true }))?.id).toBe('mute');
    expect(commandFor(key({ key: 'm' }))).toBeNull();
    expect(commandFor(key({ key: 'S', ctrlKey: true, shiftKey: true }))?.id).toBe('swap');
    expect(commandFor(key({ key: 'Backspace', altKey: true }))?.id).toBe('rejectWaiting');
  });
  it('give every command its own shortcut', () => {
    const shortcuts = commands.map((c) => c.shortcut);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
  it('never fire while an IME is composing', () => {
    expect(commandFor(key({ key: 'Enter', ctrlKey: true, isComposing: true }))).toBeNull();
    expect(commandFor(key({ key: 'Process', ctrlKey: true, keyCode: 229 }))).toBeNull();
  });
});

describe('DTMF by keyboard', () => {
  it('takes digits, * and # outside fields, never with modifiers, in a field or while composing', () => {
    expect(dtmfKeyFor(key({ key: '5' }))).toBe('5');
    expect(dtmfKeyFor(key({ key: '#' }))).toBe('#');
    expect(dtmfKeyFor(key({ key: 'a' }))).toBeNull();
    expect(dtmfKeyFor(key({ key: '5', ctrlKey: true }))).toBeNull();
    expect(dtmfKeyFor(key({ key: '5', isComposing: true }))).toBeNull();
    expect(
      dtmfKeyFor({ ...key({ key: '5' }), target: { tagName: 'INPUT' } } as unknown as KeyboardEvent),
    ).toBeNull();
  });
});
