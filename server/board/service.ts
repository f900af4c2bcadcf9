// The board as one object the server wires in: projection after each push (serialized per
// station, off the push's answer path), station presence from the sync live channel, the
// browsers' live channel, and the central acts (andon, exceptions, signed holds) with
// their audit rows.
import { eq, and, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { canHold, canResolve, canView, type BoardSignature, type ExceptionView, type StationTileView } from '../../shared/board/api';
import { canonicalJson } from '../../shared/events/canonical';
import { authenticateUser, type UserPrincipal } from '../auth';
import { sha256, verifySecret, DUMMY_HASH } from '../crypto';
import type { Db } from '../db/open';
import * as t from '../db/schema';
import { SyncError } from '../errors';
import { changeHold } from '../holds';
import type { OutboxReport } from '../../shared/sync/outbox';
import { BoardLiveHub } from './live';
import { catchUpCentral, catchUpStation } from './projector';
import { exceptionView, stationTiles, type PlantClock, type Presence } from './queries';


export class Board implements Presence {
  readonly live: BoardLiveHub;
  private readonly chains = new Map<string, Promise<unknown>>();
  /** The last outbox report saved per station, so unchanged poll reports cost nothing. */
  private readonly lastOutbox = new Map<string, string>();
  private readonly online = new Set<string>();
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Test and bench hook: called after a push's events reached the board's read model and the live message went out. */
  onProjected?: (stationId: string, events: number) => void;

  constructor(
    readonly db: Db,
    private readonly log: Logger,
    private readonly notifyStations: (what: 'holds') => void = () => undefined,
    /** The plant's clock for reports asked for without a zone. */
    readonly plant: PlantClock = {},
  ) {
    this.live = new BoardLiveHub(
      (token) => authenticateUser(db, token),
      (ws) => void this.sendAllTiles(ws),
    );
    // Staleness is a function of time: resend the tiles now and then so an idle board ages.
    this.timer = setInterval(() => void this.broadcastTiles().catch(() => undefined), 15_000);
    this.timer.unref();
  }

  /** Projects everything not yet projected (start-up, after a restore). */
  async catchUpAll(): Promise<void> {
    const ids = await this.db.select({ stationId: t.stations.stationId }).from(t.stations);
    for (const { stationId } of ids) await this.afterPush(stationId);
    await catchUpCentral(this.db);
  }

  // ---------------------------------------------------------------- presence (the stations' live channel)

  connected(stationId: string): boolean {
    return this.online.has(stationId);
  }
  lastSeen(stationId: string): number | null {
    return this.seen.get(stationId) ?? null;
  }
  presence(stationId: string, connected: boolean): void {
    if (connected) this.online.add(stationId);
    else this.online.delete(stationId);
    this.seen.set(stationId, Date.now());
    void this.broadcastTiles([stationId]).catch(() => undefined);
  }

  // ---------------------------------------------------------------- projection

  /** After a push committed (or a station reported its outbox): project, then tell the browsers. One chain per station. */
  afterPush(stationId: string, outbox?: OutboxReport): Promise<void> {
    const prev = this.chains.get(stationId) ?? Promise.resolve();
    const next = prev.then(async () => {
      if (outbox) await this.saveOutbox(stationId, outbox);
      const r = await catchUpStation(this.db, stationId);
      const central = await catchUpCentral(this.db);
      if (r.events || outbox) await this.broadcastTiles([stationId]);
      const what: ('andon' | 'exceptions' | 'lots' | 'charts')[] = [];
      if (r.andon) what.push('andon');
      if (r.exceptions || central) what.push('exceptions');
      if (r.lots) what.push('lots');
      if (r.facts) what.push('charts');
      if (what.length) this.live.broadcast({ topic: 'changed', what });
      this.onProjected?.(stationId, r.events);
    });
    const settled = next.catch((err: unknown) => this.log.error({ err, stationId }, 'board projection failed'));
    this.chains.set(stationId, settled);
    return next;
  }

  /** A poll's outbox report: saved and shown only when it differs from the station's last one (polls are frequent, reports rarely change). */
  reportOutbox(stationId: string, outbox: OutboxReport): Promise<void> {
    if (this.lastOutbox.get(stationId) === outboxKey(outbox)) return Promise.resolve();
    return this.afterPush(stationId, outbox);
  }

  private async saveOutbox(stationId: string, o: OutboxReport): Promise<void> {
    const outbox = { pending: o.pending, oldestAt: o.oldestAt, reportedAt: new Date().toISOString() };
    await this.db.insert(t.boardStations).values({ stationId, tile: {}, outbox }).onConflictDoUpdate({ target: t.boardStations.stationId, set: { outbox } });
    this.lastOutbox.set(stationId, outboxKey(o));
  }

  holdsChanged(): void {
    this.live.broadcast({ topic: 'changed', what: ['lots'] });
  }

  async tiles(only?: readonly string[]): Promise<StationTileView[]> {
    return stationTiles(this.db, this, Date.now(), only);
  }

  private async broadcastTiles(only?: readonly string[]): Promise<void> {
    if (!this.live.connected) return;
    this.live.broadcast({ topic: 'tiles', tiles: await this.tiles(only), serverTime: new Date().toISOString() });
  }

  private async sendAllTiles(ws: WebSocket): Promise<void> {
    this.live.send(ws, { topic: 'tiles', tiles: await this.tiles(), serverTime: new Date().toISOString() });
  }

  // ---------------------------------------------------------------- central acts

  private async audit(type: string, subject: string, by: UserPrincipal, payload: Record<string, unknown>, extra: { reason?: string; signature?: BoardSignature } = {}): Promise<void> {
    await this.db.insert(t.boardAudit).values({ type, subject, userId: by.userId, userName: by.name, reason: extra.reason ?? null, payload, signature: extra.signature ?? null });
  }

  /**
   * Re-authentication for a signed act: the signer's own password, now. A failure is
   * recorded (who tried to sign what) and refused; the signature is bound to the record by
   * the hash of the record's content and the meaning.
   */
  private async sign(by: UserPrincipal, password: string, meaning: string, record: unknown, subject: string): Promise<BoardSignature> {
    const [u] = await this.db.select({ passwordHash: t.users.passwordHash }).from(t.users).where(eq(t.users.userId, by.userId));
    const ok = await verifySecret(password, u?.passwordHash ?? DUMMY_HASH);
    if (!ok) {
      await this.audit('signature.failed', subject, by, { meaning });
      throw new SyncError('unauthenticated', 'The password is not right; nothing was signed.');
    }
    const at = new Date().toISOString();
    return { userId: by.userId, name: by.name, meaning, at, recordHash: sha256(canonicalJson({ record, meaning, at, userId: by.userId })) };
  }

  /**
   * A certificate handed out by the board. In a regulated plant who read a quality record is
   * itself a record, so it is written before the bytes are sent: a read that cannot be recorded
   * is not served.
   */
  async certificateDownloaded(lotId: string, cert: { readonly sha256: string; readonly filename: string; readonly mediaType: string; readonly stationId: string; readonly seq: number; readonly bytes: number }, by: UserPrincipal, address: string): Promise<void> {
    await this.audit('certificate.downloaded', `lot:${lotId}`, by, { lotId, ...cert, address });
  }

  async acknowledgeAndon(callId: string, by: UserPrincipal): Promise<void> {
    if (!canView(by.roles)) throw new SyncError('forbidden', `${by.name} may not answer andon calls`);
    const now = new Date();
    const rows = await this.db
      .update(t.boardAndon)
      .set({ ackedAt: now, ackedBy: by.name })
      .where(and(eq(t.boardAndon.callId, callId), isNull(t.boardAndon.ackedAt), isNull(t.boardAndon.closedAt)))
      .returning();
    if (!rows.length) throw new SyncError('not_found', `andon call ${callId} is not open and unacknowledged`);
    await this.audit('andon.acknowledged', `andon:${callId}`, by, { callId, stationId: rows[0]!.stationId, at: now.toISOString() });
    await this.andonChanged(rows[0]!.stationId);
  }

  async closeAndon(callId: string, by: UserPrincipal, note?: string): Promise<void> {
    if (!canView(by.roles)) throw new SyncError('forbidden', `${by.name} may not answer andon calls`);
    const now = new Date();
    const rows = await this.db
      .update(t.boardAndon)
      .set({ closedAt: now, closedBy: by.name, closeNote: note ?? null, ackedAt: sql`coalesce(${t.boardAndon.ackedAt}, ${now})`, ackedBy: sql`coalesce(${t.boardAndon.ackedBy}, ${by.name})` })
      .where(and(eq(t.boardAndon.callId, callId), isNull(t.boardAndon.closedAt)))
      .returning();
    if (!rows.length) throw new SyncError('not_found', `andon call ${callId} is not open`);
    await this.audit('andon.closed', `andon:${callId}`, by, { callId, stationId: rows[0]!.stationId, at: now.toISOString(), note: note ?? null });
    await this.andonChanged(rows[0]!.stationId);
  }

  private async andonChanged(stationId: string): Promise<void> {
    this.live.broadcast({ topic: 'changed', what: ['andon'] });
    await this.broadcastTiles([stationId]);
  }

  async assignException(id: number, userId: string | null, by: UserPrincipal): Promise<ExceptionView> {
    if (!canView(by.roles)) throw new SyncError('forbidden', `${by.name} may not assign exceptions`);
    let name: string | null = null;
    if (userId) {
      const [u] = await this.db.select({ name: t.users.name, roles: t.users.roles }).from(t.users).where(eq(t.users.userId, userId));
      if (!u) throw new SyncError('not_found', `no user ${userId}`);
      name = u.name;
    }
    const [row] = await this.db.update(t.boardExceptions).set({ assignedTo: userId, assignedName: name }).where(and(eq(t.boardExceptions.id, id), eq(t.boardExceptions.status, 'open'))).returning();
    if (!row) throw new SyncError('not_found', `exception ${id} is not open`);
    await this.audit('exception.assigned', `exception:${id}`, by, { id, userId, name });
    this.live.broadcast({ topic: 'changed', what: ['exceptions'] });
    return exceptionView(row);
  }

  async resolveException(id: number, reason: string, password: string, by: UserPrincipal): Promise<ExceptionView> {
    const [x] = await this.db.select().from(t.boardExceptions).where(eq(t.boardExceptions.id, id));
    if (!x || x.status !== 'open') throw new SyncError('not_found', `exception ${id} is not open`);
    if (!canResolve(by.roles, x.kind as ExceptionView['kind'])) throw new SyncError('forbidden', `${by.name} may not resolve a ${x.kind} (needs the qa role)`);
    const signature = await this.sign(by, password, 'resolved', { id: x.id, kind: x.kind, sourceKey: x.sourceKey, stationId: x.stationId, evidence: x.evidence, reason }, `exception:${id}`);
    const resolution = { reason, signature };
    const row = await this.db.transaction(async (tx) => {
      const [row] = await tx.update(t.boardExceptions).set({ status: 'resolved', resolution }).where(and(eq(t.boardExceptions.id, id), eq(t.boardExceptions.status, 'open'))).returning();
      if (!row) throw new SyncError('not_found', `exception ${id} was resolved meanwhile`);
      const source = /^(deviation|alarm):(\d+)$/.exec(x.sourceKey);
      if (source?.[1] === 'deviation') await tx.update(t.deviations).set({ status: 'closed', closedBy: by.userId, closedAt: new Date(signature.at) }).where(eq(t.deviations.id, Number(source[2])));
      if (source?.[1] === 'alarm') await tx.update(t.integrityAlarms).set({ resolvedAt: new Date(signature.at) }).where(eq(t.integrityAlarms.id, Number(source[2])));
      await tx.insert(t.boardAudit).values({ type: 'exception.resolved', subject: `exception:${id}`, userId: by.userId, userName: by.name, reason, payload: { id, kind: x.kind, sourceKey: x.sourceKey }, signature });
      return row;
    });
    this.live.broadcast({ topic: 'changed', what: ['exceptions'] });
    if (x.kind === 'alarm') await this.broadcastTiles([x.stationId]);
    return exceptionView(row);
  }

  /** Place or release a hold from lot watch: QA only, signed; the holds feed and the stations' nudge are the existing ones. */
  async signedHold(lotId: string, action: 'hold' | 'release', reason: string, password: string, by: UserPrincipal) {
    if (!canHold(by.roles)) throw new SyncError('forbidden', `${by.name} may not ${action} lots (needs the qa role)`);
    const signature = await this.sign(by, password, action === 'hold' ? 'hold placed' : 'hold released', { lotId, action, reason }, `lot:${lotId}`);
    const change = await changeHold(this.db, lotId, action, reason, by);
    await this.audit(action === 'hold' ? 'lot.hold_placed' : 'lot.hold_released', `lot:${lotId}`, by, { lotId, cursor: change.cursor }, { reason, signature });
    this.notifyStations('holds');
    this.holdsChanged();
    return { change, signature };
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.live.close();
  }
}

const outboxKey = (o: OutboxReport) => `${o.pending}|${o.oldestAt ?? ''}`;
