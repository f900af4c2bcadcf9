// Login and logout by badge + PIN: every attempt, good or bad, is an event; wrong PINs
// count toward a lockout that the projection remembers across restarts.
import { eq, isNull } from 'drizzle-orm';
import { StationError } from '../../../shared/contract/errors';
import type { SessionView, StationContract } from '../../../shared/contract/station';
import { afterWrongPin, isLockedOut } from '../../../shared/domain/auth-policy';
import type { Role } from '../../../shared/domain/roles';
import { DEFAULT_KDF, verifyPin } from '../auth/pin';
import type { CommandContext, CommandHandler, QueryContext } from '../runtime/bus';
import type { z } from 'zod';
import * as t from '../store/schema';

/** Verified against when a badge is unknown, so timing does not reveal which badges exist. */
const DUMMY_HASH = `scrypt$${DEFAULT_KDF.N}$${DEFAULT_KDF.r}$${DEFAULT_KDF.p}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

type LoginInput = z.output<StationContract['auth.login']['input']>;

export function findUserByBadge(ctx: Pick<QueryContext, 'db'>, badge: string) {
  return ctx.db.select().from(t.users).where(eq(t.users.badge, badge)).get();
}

export function stationIdleMinutes(ctx: Pick<QueryContext, 'db'>): number {
  return ctx.db.select({ m: t.station.idleLockMinutes }).from(t.station).get()?.m ?? 15;
}

export function openSessionUser(ctx: Pick<QueryContext, 'db'>) {
  return ctx.db
    .select({ userId: t.sessions.userId, startedAt: t.sessions.startedAt })
    .from(t.sessions)
    .where(isNull(t.sessions.endedAt))
    .get();
}

export const login: CommandHandler<LoginInput, SessionView, { pinOk: boolean }> = {
  kind: 'command',
  async prepare(input, ctx) {
    const user = findUserByBadge(ctx, input.badge);
    const pinOk = await verifyPin(input.pin, user?.pinHash ?? DUMMY_HASH);
    return { pinOk: Boolean(user) && pinOk };
  },
  run(ctx, input, { pinOk }) {
    const nowMs = ctx.now.getTime();
    const user = findUserByBadge(ctx, input.badge);
    if (!user) {
      ctx.emit('auth.login_failed', { badge: input.badge, cause: 'unknown_badge', consecutiveFailures: 0 }, { actorId: null });
      return ctx.reject(new StationError('unknown_badge', 'This badge is not known at this station. Check the badge or ask a supervisor.'));
    }
    if (!user.active) {
      ctx.emit('auth.login_failed', { badge: input.badge, userId: user.userId, cause: 'inactive', consecutiveFailures: user.consecutiveFailures }, { actorId: user.userId });
      return ctx.reject(new StationError('inactive_user', `${user.name} is not active. Ask a supervisor.`));
    }
    if (isLockedOut(user, nowMs)) {
      ctx.emit('auth.login_failed', { badge: input.badge, userId: user.userId, cause: 'locked_out', consecutiveFailures: user.consecutiveFailures }, { actorId: user.userId });
      return ctx.reject(new StationError('locked_out', `${user.name} is locked out after too many wrong PINs. Try again after ${user.lockedUntil}, or ask a supervisor.`, { until: user.lockedUntil }));
    }
    if (!pinOk) {
      const next = afterWrongPin(user, nowMs);
      ctx.emit('auth.login_failed', { badge: input.badge, userId: user.userId, cause: 'wrong_pin', consecutiveFailures: next.failures }, { actorId: user.userId });
      if (next.lockUntil) {
        ctx.emit('auth.locked_out', { userId: user.userId, until: next.lockUntil, failures: next.failures }, { actorId: user.userId });
        return ctx.reject(new StationError('locked_out', `Wrong PIN. ${user.name} is now locked out until ${next.lockUntil}.`, { until: next.lockUntil }));
      }
      return ctx.reject(new StationError('wrong_pin', `Wrong PIN. ${next.remaining} attempt(s) left before lockout.`, { remaining: next.remaining }));
    }
    const open = openSessionUser(ctx);
    if (open) ctx.emit('auth.logout', { userId: open.userId, cause: 'replaced' }, { actorId: open.userId });
    const e = ctx.emit('auth.login', { userId: user.userId, badge: user.badge }, { actorId: user.userId });
    return { userId: user.userId, name: user.name, badge: user.badge, roles: user.roles as Role[], startedAt: e.wallTime, idleLockMinutes: stationIdleMinutes(ctx) };
  },
};

export const logout: CommandHandler<Record<string, never>, { ok: true }> = {
  kind: 'command',
  run(ctx: CommandContext) {
    if (ctx.actor) ctx.emit('auth.logout', { userId: ctx.actor.userId, cause: 'user' });
    return { ok: true };
  },
};
