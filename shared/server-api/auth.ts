import { z } from 'zod';
import { Id, limits } from '../domain/customer';

export const roles = ['agent', 'lead', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Usernames are identifiers: letters, digits, dot, dash, underscore (so no quoting games). */
export const Username = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "-" and "_" only');

/** Which seat (PC) the request comes from: recorded in the audit log. */
export const SeatId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "-" and "_" only');

export const LoginRequest = z
  .object({ username: Username, password: z.string().min(1).max(256), seat: SeatId })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) }).strict();
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** Sign-out: the session this refresh token belongs to ends on the server. */
export const LogoutRequest = RefreshRequest;
export type LogoutRequest = z.infer<typeof LogoutRequest>;
/** The same answer whether or not the token named a session (it reveals nothing). */
export const LogoutResult = z.object({ ok: z.literal(true) }).strict();
export type LogoutResult = z.infer<typeof LogoutResult>;

export const SessionUser = z.object({
  id: Id,
  username: Username,
  displayName: z.string().min(1).max(limits.name),
  role: Role,
  teamId: Id,
});
export type SessionUser = z.infer<typeof SessionUser>;

export const TokenPair = z.object({
  accessToken: z.string().min(20).max(2000),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string().min(20).max(200),
  user: SessionUser,
  /** Interactions older than this leave the seat's cache. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type TokenPair = z.infer<typeof TokenPair>;
