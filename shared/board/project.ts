// The board's projection of one station event: how the station's tile changes, which facts
// the charts count, which exceptions, andon calls and lot-watch entries it raises. Pure and
// total: an event the board does not read (or whose payload lacks the fields it reads)
// changes nothing, so a newer station's events never break the board.
import { UNSPECIFIED_REASON } from '../rules/reason-names';
import { STATION_STATES, type AndonKind, type StationState } from './inputs';

export interface BoardEvent {
  readonly stationId: string;
  readonly seq: number;
  readonly type: string;
  readonly wallTime: string;
  readonly actor: string | null;
  readonly payload: unknown;
  readonly reason: string | null;
  readonly signature: unknown;
}

export interface LastVerdict {
  readonly verdict: 'ACCEPT' | 'WARN' | 'REJECT';
  readonly code: string | null;
  readonly message: string;
  readonly at: string;
  readonly seq: number;
}

export interface DeviceFault {
  readonly fault: string;
  readonly detail: string;
  readonly at: string;
}

/** What the projection remembers per station (stored as JSON beside the station's cursor). */
export interface TileProjection {
  readonly operatorUserId: string | null;
  readonly workOrderId: string | null;
  readonly step: string | null;
  readonly lastVerdict: LastVerdict | null;
  readonly faults: Readonly<Record<string, DeviceFault>>;
  readonly state: StationState | null;
  readonly stateSince: string | null;
  readonly lastEventAt: string | null;
}

export const EMPTY_TILE: TileProjection = { operatorUserId: null, workOrderId: null, step: null, lastVerdict: null, faults: {}, state: null, stateSince: null, lastEventAt: null };

export type FactKind = 'verdict' | 'output' | 'state' | 'override';

export interface Fact {
  readonly kind: FactKind;
  readonly at: string;
  readonly workOrderId: string | null;
  /** verdict: ACCEPT|WARN|REJECT; state: the state; override: the first code. */
  readonly code: string | null;
  /** verdict REJECT: the first reason code. */
  readonly reason: string | null;
  /** verdict: what was verified (first pass is per unit). */
  readonly unit: string | null;
  readonly n: number;
}

export const EXCEPTION_KINDS = ['reject', 'override', 'deviation', 'alarm', 'print_uncertain', 'reconciliation'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface ExceptionDraft {
  readonly kind: ExceptionKind;
  /** Unique per source: re-projecting the same event raises nothing twice. */
  readonly sourceKey: string;
  readonly lotId: string | null;
  readonly title: string;
  readonly detail: string;
  readonly evidence: readonly Evidence[];
}

export interface Evidence {
  readonly stationId: string;
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string | null;
  readonly reason: string | null;
  readonly signature: unknown;
  readonly payload: unknown;
}

export interface LotNote {
  readonly lotId: string;
  readonly itemId?: string;
  readonly expiry?: string;
  readonly msl?: string;
  readonly mslEvent?: { kind: string; at: string };
  readonly pasteEvent?: { kind: string; at: string };
}

export interface Projected {
  readonly tile: TileProjection;
  readonly facts: readonly Fact[];
  readonly exceptions: readonly ExceptionDraft[];
  readonly andon: { callId: string; kind: AndonKind; note: string | null } | null;
  readonly lot: LotNote | null;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const VERDICTS = new Set(['ACCEPT', 'WARN', 'REJECT']);
const ANDON = new Set(['material', 'quality', 'maintenance', 'help']);

export function evidenceOf(e: BoardEvent): Evidence {
  return { stationId: e.stationId, seq: e.seq, type: e.type, at: e.wallTime, actor: e.actor, reason: e.reason, signature: e.signature, payload: e.payload };
}

export function projectEvent(before: TileProjection, e: BoardEvent): Projected {
  const p = obj(e.payload);
  let tile: TileProjection = { ...before, lastEventAt: e.wallTime };
  const facts: Fact[] = [];
  const exceptions: ExceptionDraft[] = [];
  let andon: Projected['andon'] = null;
  let lot: LotNote | null = null;
  const fact = (kind: FactKind, f: Partial<Omit<Fact, 'kind' | 'at'>> = {}) =>
    facts.push({ kind, at: e.wallTime, workOrderId: f.workOrderId ?? tile.workOrderId, code: f.code ?? null, reason: f.reason ?? null, unit: f.unit ?? null, n: f.n ?? 1 });
  const setFault = (role: string, fault: string | null, detail: string) => {
    const faults = { ...tile.faults };
    if (fault) faults[role] = { fault, detail, at: e.wallTime };
    else delete faults[role];
    tile = { ...tile, faults };
  };
  const setState = (state: StationState) => {
    if (tile.state !== state) {
      tile = { ...tile, state, stateSince: e.wallTime };
      fact('state', { code: state });
    }
  };

  switch (e.type) {
    case 'auth.login':
      tile = { ...tile, operatorUserId: str(p.userId) };
      break;
    case 'auth.logout':
      tile = { ...tile, operatorUserId: null };
      break;
    case 'scan.verdict': {
      const verdict = str(p.verdict);
      if (!verdict || !VERDICTS.has(verdict)) break;
      const reasons = Array.isArray(p.reasons) ? p.reasons.map(obj) : [];
      const code = str(reasons[0]?.code) ?? null;
      const message = str(p.message) ?? '';
      const workOrderId = str(p.workOrderId) ?? tile.workOrderId;
      const unit = `${str(p.workflow) ?? 'scan'}:${workOrderId ?? ''}:${str(p.slot) ?? str(p.lotId) ?? `#${String(p.scanSeq ?? e.seq)}`}`;
      // A verdict names its work order: the tile follows it even when the load was not seen (pushed before the board existed, or another workflow).
      tile = { ...tile, workOrderId, lastVerdict: { verdict: verdict as LastVerdict['verdict'], code, message, at: e.wallTime, seq: e.seq } };
      fact('verdict', { code: verdict, reason: verdict === 'REJECT' ? (code ?? UNSPECIFIED_REASON) : null, unit, workOrderId });
      if (verdict === 'REJECT')
        exceptions.push({ kind: 'reject', sourceKey: `event:${e.stationId}:${e.seq}`, lotId: str(p.lotId), title: code ?? UNSPECIFIED_REASON, detail: message, evidence: [evidenceOf(e)] });
      break;
    }
    case 'scan.verdict_overridden': {
      const codes = Array.isArray(p.codes) ? p.codes.filter((c): c is string => typeof c === 'string') : [];
      fact('override', { code: codes[0] ?? null });
      exceptions.push({ kind: 'override', sourceKey: `event:${e.stationId}:${e.seq}`, lotId: str(p.lotId), title: codes.join(', ') || 'override', detail: e.reason ?? '', evidence: [evidenceOf(e)] });
      break;
    }
    case 'smt.work_order_loaded':
      tile = { ...tile, workOrderId: str(p.workOrderId), step: 'setup' };
      setState('setup');
      break;
    case 'smt.slot_selected':
    case 'smt.reel_loaded':
      tile = { ...tile, step: 'setup' };
      break;
    case 'smt.spliced':
      tile = { ...tile, step: 'splice' };
      break;
    case 'smt.reel_removed':
      // The slot is unverified: the line is back in setup until a reel is verified there.
      tile = { ...tile, step: 'setup' };
      setState('setup');
      break;
    case 'smt.work_order_unloaded':
      tile = { ...tile, workOrderId: null, step: null };
      setState('idle');
      break;
    case 'smt.line_started':
      tile = { ...tile, workOrderId: str(p.workOrderId) ?? tile.workOrderId, step: 'running' };
      setState('running');
      break;
    case 'smt.boards_recorded': {
      const n = Array.isArray(p.serials) ? p.serials.length : 0;
      if (n > 0) fact('output', { n, workOrderId: str(p.workOrderId) ?? tile.workOrderId });
      break;
    }
    case 'station.state_changed': {
      const s = str(p.state);
      if (s && (STATION_STATES as readonly string[]).includes(s)) setState(s as StationState);
      break;
    }
    case 'device.fault': {
      const role = str(p.role);
      if (role) setFault(role, str(p.fault), str(p.detail) ?? '');
      break;
    }
    case 'device.tested': {
      const role = str(p.role);
      if (role && p.ok === false) setFault(role, 'test_failed', str(p.detail) ?? '');
      else if (role && p.ok === true) setFault(role, null, '');
      break;
    }
    case 'print.job_uncertain':
      setFault('labelPrinter', 'uncertain_job', str(p.note) ?? '');
      exceptions.push({ kind: 'print_uncertain', sourceKey: `print:${e.stationId}:${str(p.jobId) ?? e.seq}`, lotId: null, title: str(p.jobId) ?? 'print job', detail: str(p.note) ?? '', evidence: [evidenceOf(e)] });
      break;
    case 'print.job_resolved':
      if (tile.faults.labelPrinter?.fault === 'uncertain_job') setFault('labelPrinter', null, '');
      break;
    case 'label.reconciled':
      if (p.balanced === false)
        exceptions.push({ kind: 'reconciliation', sourceKey: `event:${e.stationId}:${e.seq}`, lotId: str(p.lotId), title: str(p.lotId) ?? 'reconciliation', detail: `issued ${String(p.issued)}, applied ${String(p.applied)}, voided ${String(p.voided)}`, evidence: [evidenceOf(e)] });
      break;
    case 'andon.raised': {
      const callId = str(p.callId);
      const kind = str(p.kind);
      if (callId && kind && ANDON.has(kind)) andon = { callId, kind: kind as AndonKind, note: str(p.note) };
      break;
    }
    case 'lot.received': {
      const lotId = str(p.lotId);
      if (lotId) {
        const note: { -readonly [K in keyof LotNote]: LotNote[K] } = { lotId };
        const itemId = str(p.itemId), expiry = str(p.expiry), msl = str(p.msl);
        if (itemId) note.itemId = itemId;
        if (expiry) note.expiry = expiry;
        if (msl) note.msl = msl;
        lot = note;
      }
      tile = { ...tile, step: 'receiving' };
      break;
    }
    case 'material.msl':
    case 'material.paste': {
      const lotId = str(p.lotId), kind = str(p.kind), at = str(p.at);
      if (lotId && kind && at) lot = e.type === 'material.msl' ? { lotId, mslEvent: { kind, at } } : { lotId, pasteEvent: { kind, at } };
      break;
    }
    default:
      break;
  }
  return { tile, facts, exceptions, andon, lot };
}
