import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../shared';
import { decidePermission } from '../security/permission-policy';

/** The one CSP on every response, and the permission allow-list for requests and checks. */
export function secureSession(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(decidePermission(permission, contents.getURL(), { mediaTypes }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(permission, requestingOrigin || details.requestingUrl || '', {
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );
}
