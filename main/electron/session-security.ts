import type { Session } from 'electron';
import { decideDevicePermission, pickHidDevice } from '../security/hid-policy';
import { decidePermission } from '../security/permission-policy';

/**
 * The CSP on every response that passes through the session (a second layer: app:// responses
 * carry it themselves, main/electron/app-protocol.ts), the permission allow-list for requests and
 * checks, and WebHID for headset call buttons: device grants and the chooser (Electron has no
 * chooser UI) for telephony headsets and the app's own origin only (main/security/hid-policy.ts).
 */
export function secureSession(ses: Session, csp: () => string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp()],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(decidePermission(permission, details.requestingUrl || contents.getURL(), { mediaTypes }));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermission(permission, requestingOrigin || details.requestingUrl || '', {
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );
  ses.setDevicePermissionHandler((details) => decideDevicePermission(details));
  ses.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(pickHidDevice(details.deviceList, details.frame?.url) ?? undefined);
  });
}
