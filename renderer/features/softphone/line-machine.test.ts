import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from './call-machine';
import { linePhase, nextLines, noLines, type LineEvent, type Lines } from './line-machine';

const at = new Date('2026-12-02T02:00:00.000Z');
const a = { callId: 'a', number: '0223456789', displayName: 'A' };
const b = { callId: 'b', number: '0912345678', displayName: 'B' };
const run = (events: LineEvent[], from: Lines = noLines) => events.reduce(nextLines, from);
const talking = run([
  { type: 'ring', call: a, at },
  { type: 'move', callId: 'a', to: 'connecting', at },
  { type: 'move', callId: 'a', to: 'established', at },
]);

describe('the two lines', () => {
  it('ring → answer → talk → hang up', () => {
    expect(linePhase(run([{ type: 'ring', call: a, at }]))).toBe('ringing');
    expect(linePhase(talking)).toBe('talking');
    expect(talking.focused).toMatchObject({
      callId: 'a',
      line: 1,
      state: 'established',
      answeredAt: at.toISOString(),
    });
    const ended = run(
      [
        { type: 'move', callId: 'a', to: 'ended', at },
        { type: 'drop', callId: 'a' },
      ],
      talking,
    );
    expect(ended).toEqual(noLines);
  });

  it('call waiting on line 2, answered: the first call goes behind it', () => {
    const waiting = run([{ type: 'waiting', call: b, at }], talking);
    expect(linePhase(waiting)).toBe('waiting');
    expect(waiting.other).toMatchObject({ callId: 'b', line: 2, state: 'ringing' });
    const held = run(
      [
        { type: 'move', callId: 'a', to: 'held', at },
        { type: 'answer-waiting', at },
      ],
      waiting,
    );
    expect(linePhase(held)).toBe('two-calls');
    expect(held.focused).toMatchObject({ callId: 'b', line: 2, state: 'connecting' });
    expect(held.other).toMatchObject({ callId: 'a', line: 1, state: 'held' });
    const swapped = nextLines(held, { type: 'swap' });
    expect([swapped.focused?.callId, swapped.other?.callId]).toEqual(['a', 'b']);
  });

  it('dropping the focused call brings the other line forward; dropping the other keeps focus', () => {
    const two = run(
      [
        { type: 'waiting', call: b, at },
        { type: 'answer-waiting', at },
      ],
      talking,
    );
    expect(nextLines(two, { type: 'drop', callId: 'b' })).toMatchObject({
      focused: { callId: 'a' },
      other: null,
    });
    expect(nextLines(two, { type: 'drop', callId: 'a' })).toMatchObject({
      focused: { callId: 'b' },
      other: null,
    });
    const rejected = run(
      [
        { type: 'waiting', call: b, at },
        { type: 'drop', callId: 'b' },
      ],
      talking,
    );
    expect(rejected).toMatchObject({ focused: { callId: 'a' }, other: null });
  });

  it('a consultation takes the free line and marks itself; the caller waits behind it', () => {
    const consulting = run([{ type: 'consult', call: b, at }], talking);
    expect(linePhase(consulting)).toBe('consulting');
    expect(consulting.focused).toMatchObject({ callId: 'b', line: 2, consult: true, direction: 'outbound' });
    expect(consulting.other?.callId).toBe('a');
  });

  it('mute belongs to the call in focus', () => {
    expect(nextLines(talking, { type: 'mute', muted: true }).focused?.muted).toBe(true);
  });

  it('throws on a move the table does not allow', () => {
    expect(() => nextLines(noLines, { type: 'swap' })).toThrow(IllegalTransitionError);
    expect(() => nextLines(noLines, { type: 'answer-waiting', at })).toThrow(IllegalTransitionError);
    expect(() => nextLines(talking, { type: 'ring', call: b, at })).toThrow(IllegalTransitionError);
    expect(() => nextLines(talking, { type: 'swap' })).toThrow(IllegalTransitionError);
    const waiting = run([{ type: 'waiting', call: b, at }], talking);
    expect(() => nextLines(waiting, { type: 'waiting', call: a, at })).toThrow(IllegalTransitionError);
    expect(() => nextLines(waiting, { type: 'consult', call: a, at })).toThrow(IllegalTransitionError);
    // A call's own illegal move (held while ringing) throws too.
    expect(() =>
      run([
        { type: 'ring', call: a, at },
        { type: 'move', callId: 'a', to: 'held', at },
      ]),
    ).toThrow(IllegalTransitionError);
  });
});
