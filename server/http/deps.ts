import type { SqlClient } from '../db/sql-client';
import type { LoginLimits } from '../auth/login-throttle';
import type { SessionLimits } from '../auth/session-store';
import type { TokenIssuer } from '../auth/tokens';
import type { AccessClaims } from '../auth/tokens';
import type { RelayConfig } from '../media/turn-credentials';

export interface ServerDeps {
  db: SqlClient;
  tokens: TokenIssuer;
  clock: () => Date;
  /** Refresh-token lifetime and the absolute end of a session (defaults: one shift each). */
  sessionLimits?: SessionLimits;
  /** Login lockouts (defaults: defaultLoginLimits). */
  loginLimits?: LoginLimits;
  /** STUN/TURN handed to seats; none when the deployment runs no relay. */
  relays?: RelayConfig;
}

export const changesChannel = 'seatdesk_changes';

/** Appends to the audit trail (append-only table; see migrations 001 and 006). */
export async function audit(
  db: Pick<SqlClient, 'query'>,
  user: Pick<AccessClaims, 'sub' | 'team' | 'seat'>,
  action: string,
  entity: string,
  entityIds: readonly string[],
  /** The client's address (failed logins); how many rows a bulk read returned. */
  extra: { address?: string; rowCount?: number } = {},
): Promise<void> {
  if (entityIds.length === 0) return;
  await db.query(
    `INSERT INTO audit_log (user_id, team_id, seat, action, entity, entity_id, address, row_count)
     SELECT $1, $2, $3, $4, $5, unnest($6::text[]), $7, $8`,
    [
      user.sub,
      user.team,
      user.seat,
      action,
      entity,
      entityIds,
      extra.address ?? null,
      extra.rowCount ?? null,
    ],
  );
}
