// MSL floor life from the lot's clock: bake needed, exceeded, low, or a record to double-check.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

export function checkMsl(env: CheckEnv): readonly Reason[] {
  const m = env.msl;
  if (!m) return [];
  const ref = lotRef(env);
  const out: Reason[] = [];
  if (m.bakeRequired) out.push(makeReason('msl_bake_required', { ...ref, level: m.level }));
  else if (m.exceeded) out.push(makeReason('msl_floor_life_exceeded', { ...ref, level: m.level, floorLifeMs: m.floorLifeMs ?? 0, exposedMs: m.exposedMs }));
  else if (m.remainingMs !== null && m.remainingMs < env.snapshot.config.mslWarnMs) out.push(makeReason('msl_floor_life_low', { ...ref, level: m.level, remainingMs: m.remainingMs }));
  if (m.irregular > 0) out.push(makeReason('clock_record_irregular', { ...ref, clock: 'msl', anomaly: m.lastAnomaly?.kind ?? 'out_of_order', count: m.irregular }));
  return out;
}
