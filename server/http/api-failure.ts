import type { Readable } from 'node:stream';
import type { ApiErrorCode } from '../../shared';

/** Thrown by handlers for an answer other than 2xx; the app turns it into an ApiError body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** Extra response headers (Retry-After). */
    readonly headers?: Record<string, string>,
    /** A role refusal: the app records it in the audit trail. */
    readonly refusal?: { user: { sub: string; team: string; seat: string }; route: string },
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** A body the database already rendered as JSON text (the changes feed): sent as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A streamed body of a route whose spec names its `contentType` (the initial-sync snapshot). */
export class RawStream {
  constructor(
    readonly contentType: string,
    readonly body: Readable,
  ) {}
}
