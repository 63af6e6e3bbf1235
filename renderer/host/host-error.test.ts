import { describe, expect, it } from 'vitest';
import { HostCallError } from '../../shared';
import { hostErrorCode, hostErrorDetail } from './host-error';

describe('host error codes', () => {
  it('come from the HostCallError in browser mode', () => {
    const err = new HostCallError('server:login', { code: 'unauthorized', message: 'Wrong password.' });
    expect(hostErrorCode(err)).toBe('unauthorized');
    expect(hostErrorDetail(err)).toBe('Wrong password.');
  });

  it('are read back from the message when contextBridge copied only that', () => {
    const copied = new Error(
      new HostCallError('server:login', { code: 'unavailable', message: 'ECONNREFUSED' }).message,
    );
    expect(hostErrorCode(copied)).toBe('unavailable');
    expect(hostErrorCode(new Error('server:login: not-a-code: x'))).toBeNull();
    expect(hostErrorCode('boom')).toBeNull();
    expect(hostErrorDetail('boom')).toBe('boom');
  });
});
