// Trust: stations enroll with a one-time code and then carry a bearer token; central users
// (QA, admins) log in with a password and carry a session token. Only hashes are stored.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { StationType } from '../shared/domain/roles';
import { PROTOCOL_VERSION, type EnrollRequest, type EnrollResponse } from '../shared/sync/protocol';
import { DUMMY_HASH, enrollmentCode, hashSecret, normalizeCode, randomToken, sha256, verifySecret } from './crypto';
import type { Db } from './db/open';
import * as t from './db/schema';
import { SyncError } from './errors';
import { lockFeed, upsertMaster } from './master';

export interface StationPrincipal {
  readonly stationId: string;
}
export interface UserPrincipal {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly string[];
}

const SESSION_HOURS = 12;

/** Creates (or updates) a station and issues a fresh one-time enrollment code for it. */
export async function addStation(
  db: Db,
  s: { stationId: string; name: string; type: StationType; area: string; expiresInMinutes: number },
  createdBy: string | null,
  onMasterChange?: () => void,
): Promise<{ stationId: string; enrollmentCode: string; expiresAt: string }> {
  const code = enrollmentCode();
  const expiresAt = new Date(Date.now() + s.expiresInMinutes * 60_000);
  const changed = await db.transaction(async (tx) => {
    await lockFeed(tx, 'master_changes');
    const changed = await upsertMaster(tx, { type: 'master.station.upserted', payload: { stationId: s.stationId, name: s.name, type: s.type, area: s.area } });
    // One code in force per station: a new one ends the earlier unused ones (a leaked old code
    // would otherwise re-enroll the station, revoking its credential, until it expired).
    await tx.update(t.enrollmentCodes).set({ expiresAt: new Date() }).where(and(eq(t.enrollmentCodes.stationId, s.stationId), isNull(t.enrollmentCodes.usedAt)));
    await tx.insert(t.enrollmentCodes).values({ codeHash: sha256(normalizeCode(code)), stationId: s.stationId, createdBy, expiresAt });
    return changed;
  });
  if (changed) onMasterChange?.();
  return { stationId: s.stationId, enrollmentCode: code, expiresAt: expiresAt.toISOString() };
}

/**
 * Exchanges a code for a credential. The code works once; enrolling again revokes the
 * station's earlier credentials, so a replaced (or cloned) machine's old token stops working.
 */
export async function enroll(db: Db, req: EnrollRequest): Promise<EnrollResponse> {
  const token = randomToken('llst');
  const stationId = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(t.enrollmentCodes).where(eq(t.enrollmentCodes.codeHash, sha256(normalizeCode(req.code)))).for('update');
    if (!row || row.usedAt || row.expiresAt.getTime() < Date.now())
      throw new SyncError('enrollment_invalid', 'This enrollment code is unknown, already used or expired. Ask an administrator for a new one.');
    if (req.stationId && req.stationId !== row.stationId)
      throw new SyncError('station_mismatch', `This code enrolls station ${row.stationId}, but this station is ${req.stationId}.`);
    const now = new Date();
    await tx.update(t.enrollmentCodes).set({ usedAt: now }).where(eq(t.enrollmentCodes.codeHash, row.codeHash));
    await tx.update(t.enrollmentCodes).set({ expiresAt: now }).where(and(eq(t.enrollmentCodes.stationId, row.stationId), isNull(t.enrollmentCodes.usedAt)));
    await tx.update(t.stationCredentials).set({ revokedAt: now }).where(and(eq(t.stationCredentials.stationId, row.stationId), isNull(t.stationCredentials.revokedAt)));
    await tx.insert(t.stationCredentials).values({ stationId: row.stationId, tokenHash: sha256(token) });
    return row.stationId;
  });
  return { stationId, token, serverTime: new Date().toISOString(), protocol: PROTOCOL_VERSION };
}

/**
 * Ends a station's trust: its credentials stop working at once for every request, and its
 * unused enrollment codes with them (a stolen or scrapped machine). The running server also
 * closes the station's live channel (LiveHub.recheck). Enrolling again with a new code is the
 * way back. Returns how many credentials were in force.
 */
export async function revokeStation(db: Db, stationId: string): Promise<{ stationId: string; revoked: number }> {
  return db.transaction(async (tx) => {
    const [known] = await tx.select({ stationId: t.stations.stationId }).from(t.stations).where(eq(t.stations.stationId, stationId));
    if (!known) throw new SyncError('not_found', `No station ${stationId} is known to this server.`);
    const now = new Date();
    await tx.update(t.enrollmentCodes).set({ expiresAt: now }).where(and(eq(t.enrollmentCodes.stationId, stationId), isNull(t.enrollmentCodes.usedAt)));
    const revoked = await tx.update(t.stationCredentials).set({ revokedAt: now }).where(and(eq(t.stationCredentials.stationId, stationId), isNull(t.stationCredentials.revokedAt))).returning({ tokenHash: t.stationCredentials.tokenHash });
    return { stationId, revoked: revoked.length };
  });
}

export async function authenticateStation(db: Db, token: string): Promise<StationPrincipal | null> {
  const [row] = await db
    .select({ stationId: t.stationCredentials.stationId })
    .from(t.stationCredentials)
    .where(and(eq(t.stationCredentials.tokenHash, sha256(token)), isNull(t.stationCredentials.revokedAt)));
  return row ?? null;
}

/** Adds or updates a central user with a password (QA, admin). Floor fields get placeholders if new. */
export async function setCentralUser(db: Db, u: { userId: string; name: string; password: string; roles: readonly string[] }): Promise<void> {
  const passwordHash = await hashSecret(u.password);
  await db.transaction(async (tx) => {
    await lockFeed(tx, 'master_changes');
    const [existing] = await tx.select().from(t.users).where(eq(t.users.userId, u.userId));
    if (!existing)
      // A central-only user: the badge is the user id and the PIN hash never verifies, so they cannot sign in at a station until given a PIN.
      await upsertMaster(tx, { type: 'master.user.upserted', payload: { userId: u.userId, name: u.name, badge: u.userId, roles: [...u.roles] as never, pinHash: DUMMY_HASH, active: true } });
    else await upsertMaster(tx, { type: 'master.user.upserted', payload: { userId: u.userId, name: u.name, badge: existing.badge, roles: [...u.roles] as never, pinHash: existing.pinHash, active: existing.active } });
    await tx.update(t.users).set({ passwordHash }).where(eq(t.users.userId, u.userId));
  });
}

export async function login(db: Db, username: string, password: string): Promise<{ token: string; userId: string; name: string; roles: string[]; expiresAt: string }> {
  const [u] = await db.select().from(t.users).where(eq(t.users.userId, username));
  const ok = await verifySecret(password, u?.passwordHash ?? DUMMY_HASH);
  if (!u || !ok || !u.active) throw new SyncError('unauthenticated', 'Unknown user or wrong password.');
  const token = randomToken('llus');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.insert(t.sessions).values({ tokenHash: sha256(token), userId: u.userId, expiresAt });
  return { token, userId: u.userId, name: u.name, roles: u.roles, expiresAt: expiresAt.toISOString() };
}

export async function authenticateUser(db: Db, token: string): Promise<UserPrincipal | null> {
  const [row] = await db
    .select({ userId: t.users.userId, name: t.users.name, roles: t.users.roles, active: t.users.active })
    .from(t.sessions)
    .innerJoin(t.users, eq(t.users.userId, t.sessions.userId))
    .where(and(eq(t.sessions.tokenHash, sha256(token)), gt(t.sessions.expiresAt, new Date())));
  return row && row.active ? { userId: row.userId, name: row.name, roles: row.roles } : null;
}
