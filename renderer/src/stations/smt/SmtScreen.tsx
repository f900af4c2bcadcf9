// SMT line station: load a work order, then scans drive everything — slot, then reel; the
// current step in large type, the setup list with what is verified, the start button as
// an interlock that names the missing slots, splices, boards, and the material clocks.
import '../stations.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../../../../shared/contract/station';
import type { ScanOutcome, SetupView, VerdictView } from '../../../../shared/contract/workflows';
import type { SignatureInput } from '../../../../shared/domain/signature';
import { useStation } from '../../api/station-context';
import { errorText } from '../../components/errors';
import { LoadProblem, useLoadProblem } from '../../components/LoadProblem';
import { SignatureDialog } from '../../components/SignatureDialog';
import { useFeedback } from '../../feedback/feedback';
import { useScans } from '../useScans';
import { verdictFeedback, verdictSentence } from '../verdict';
import { smtLineOf } from '../../../../shared/rules/smt-line';
import { REEL_REMOVE_REASONS, type ReelRemoveReason } from '../../../../shared/rules/smt-teardown';
import { BakePanel } from './BakePanel';
import { ClocksPanel } from './ClocksPanel';
import { PastePanel } from './PastePanel';
import { UnloadPanel } from './UnloadPanel';
import { ticketLanguage } from '../../../../shared/ticket/template';

type Mode = 'setup' | 'splice' | 'boards' | 'remove' | 'bake' | 'paste';
/** The slot whose reel comes off: scanned (the runtime re-reads the label) or touched. */
type RemoveTarget = { slot: string; slotScanSeq?: number };
type WorkOrderRow = { workOrderId: string; productItemId: string; revision: string; quantity: number; status: string; loaded: boolean; running: boolean };

export function SmtScreen() {
  const { t, i18n } = useTranslation();
  const { client, eventTick, status } = useStation();
  // The line is the station's configured area (the demo SMT station's is SMT1); the runtime
  // decides it when a work order is loaded; here it only names the line or says none is set.
  const line = smtLineOf(status?.station);
  const feedback = useFeedback();
  const [orders, setOrders] = useState<WorkOrderRow[] | null>(null);
  const [setup, setSetup] = useState<SetupView | null>(null);
  const [mode, setMode] = useState<Mode>('setup');
  const [spliceOld, setSpliceOld] = useState<ScanView | null>(null);
  const [pending, setPending] = useState<VerdictView | null>(null);
  const [signing, setSigning] = useState(false);
  const [sigError, setSigError] = useState<string | null>(null);
  const [boardsMsg, setBoardsMsg] = useState<string | null>(null);
  const [removing, setRemoving] = useState<RemoveTarget | null>(null);
  const [unloading, setUnloading] = useState(false);
  const [bakeLot, setBakeLot] = useState<{ lotId: string; seq: number } | null>(null);
  const [pasteLot, setPasteLot] = useState<{ lotId: string; seq: number } | null>(null);

  const { problem, track } = useLoadProblem();
  const fail = useCallback((err: unknown) => feedback.show({ tone: 'bad', title: t('smt.failed'), detail: errorText(t, err) }), [feedback, t]);

  useEffect(() => {
    void client.call('smt.work_orders', {}).then((rows) => {
      const loaded = rows.find((r) => r.loaded);
      // A loaded work order opens on its setup: listing it first with a Load button, until its
      // state arrives, offered an operator a button for what is already on the line.
      if (!loaded || setup) return setOrders(rows);
      void client.call('smt.state', { workOrderId: loaded.workOrderId }).then(
        (state) => {
          setSetup(state);
          setOrders(rows);
        },
        (err: unknown) => {
          setOrders(rows);
          fail(err);
        },
      );
    }, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);

  // Other commands (clocks, a revision change from master data) move the state: re-read it.
  useEffect(() => {
    if (setup) track(client.call('smt.state', { workOrderId: setup.workOrderId }), setSetup);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventTick]);

  const nextStep = (s: SetupView | null): string => {
    if (!s) return t('smt.step.load');
    if (s.pendingSlot) {
      const slot = s.slots.find((x) => x.slot === s.pendingSlot);
      return t('smt.step.reel', { slot: s.pendingSlot, item: [slot?.itemId, ...(slot?.alternates ?? [])].join(' / ') });
    }
    if (s.missing.length) return t('smt.step.slot', { slots: s.missing.join(', ') });
    return s.running ? t('smt.step.running') : t('smt.step.start');
  };

  const outcome = (o: ScanOutcome) => {
    if (o.setup) setSetup(o.setup);
    const v = o.verdict;
    setPending(v.verdict === 'WARN' || (v.verdict === 'REJECT' && v.overridable) ? v : null);
    feedback.show(verdictFeedback(t, v, v.workflow === 'smt.splice' ? t('smt.step.spliceDone') : nextStep(o.setup)));
    if (v.workflow === 'smt.splice' && v.verdict === 'ACCEPT') setMode('setup');
  };

  useScans((scan) => {
    if (!setup) return;
    if (mode === 'setup') void client.call('smt.scan', { workOrderId: setup.workOrderId, scanSeq: scan.seq }).then(outcome, fail);
    else if (mode === 'splice') {
      if (!spliceOld) {
        setSpliceOld(scan);
        feedback.show({ tone: 'good', title: t('smt.splice.oldRead'), next: t('smt.splice.scanNew') });
      } else {
        const old = spliceOld;
        setSpliceOld(null);
        void client.call('smt.splice', { workOrderId: setup.workOrderId, oldScanSeq: old.seq, newScanSeq: scan.seq }).then(outcome, fail);
      }
    } else if (mode === 'remove') {
      const at = scan.parsed.fields?.slot;
      if (at) setRemoving({ slot: at.slot, slotScanSeq: scan.seq });
      else feedback.show({ tone: 'bad', title: t('smt.remove.notSlot') });
    } else if (mode === 'bake' || mode === 'paste') {
      // A Lotline lot label picks the lot (to bake, or the paste jar); anything else is not a lot.
      const id = scan.parsed.fields?.internalLotId?.replace(/^LL-LOT-/, '') ?? null;
      if (!id) feedback.show({ tone: 'bad', title: t(mode === 'bake' ? 'clocks.bake.pick' : 'clocks.paste.pick') });
      else if (mode === 'bake') setBakeLot({ lotId: id, seq: scan.seq });
      else setPasteLot({ lotId: id, seq: scan.seq });
    } else void recordBoards({ panelScanSeq: scan.seq });
  });

  const removeReel = (target: RemoveTarget, reason: ReelRemoveReason) =>
    setup &&
    client.call('smt.remove_reel', { workOrderId: setup.workOrderId, reason, ...(target.slotScanSeq !== undefined ? { slotScanSeq: target.slotScanSeq } : { slot: target.slot }) }).then((r) => {
      setSetup(r);
      setRemoving(null);
      feedback.show({
        tone: 'warn',
        title: t('smt.remove.done', { lot: r.removed.lotId, slot: r.removed.slot }),
        detail: `${r.stoppedLine ? `${t('smt.remove.stopped')} ` : ''}${t('smt.remove.unverified', { slot: r.removed.slot })}`,
      });
    }, (err: unknown) => {
      setRemoving(null);
      fail(err);
    });
  const unloaded = () => {
    setUnloading(false);
    setSetup(null);
    // Nothing of the unloaded work order carries over to the next: its pending verdict, its
    // boards message, a splice half scanned.
    setPending(null);
    setSigning(false);
    setBoardsMsg(null);
    setSpliceOld(null);
    setMode('setup');
    void client.call('smt.work_orders', {}).then(setOrders, fail);
  };

  const load = (workOrderId: string) => client.call('smt.load', { workOrderId }).then(setSetup, fail);
  const start = () =>
    setup &&
    client.call('smt.start', { workOrderId: setup.workOrderId }).then((s) => {
      setSetup(s);
      feedback.show({ tone: 'good', title: t('smt.started'), next: t('smt.step.running') });
    }, fail);
  const recordBoards = async (input: { count: number } | { panelScanSeq: number }) => {
    if (!setup) return;
    try {
      const r = await client.call('smt.record_boards', { workOrderId: setup.workOrderId, ...input });
      setSetup(r.setup);
      const msg = t('smt.boards.recorded', { count: r.serials.length, first: r.serials[0], last: r.serials.at(-1) });
      setBoardsMsg(r.ambiguous.length ? `${msg}. ${t('smt.boards.ambiguous', { slots: r.ambiguous.map((a) => `${a.slot} (${a.lotIds.join(' + ')})`).join(', ') })}` : msg);
      feedback.show({ tone: r.ambiguous.length ? 'warn' : 'good', title: msg, ...(r.ambiguous.length ? { detail: t('smt.boards.ambiguous', { slots: r.ambiguous.map((a) => `${a.slot} (${a.lotIds.join(' + ')})`).join(', ') }) } : {}) });
    } catch (err) {
      fail(err);
    }
  };
  const acknowledge = (v: VerdictView) =>
    client.call('verdict.acknowledge', { verdictSeq: v.verdictSeq }).then((o) => {
      if (o.setup) setSetup(o.setup);
      setPending(null);
      // The verdict answered, said in the operator's language from its recorded code + params.
      feedback.show({ tone: 'good', title: t('verdict.acknowledged'), detail: verdictSentence(o.verdict), next: nextStep(o.setup) });
    }, fail);
  const override = async (sig: SignatureInput) => {
    if (!pending) return;
    try {
      const o = await client.call('verdict.override', { verdictSeq: pending.verdictSeq, signature: sig });
      if (o.setup) setSetup(o.setup);
      setPending(null);
      setSigning(false);
      setSigError(null);
      feedback.show({ tone: 'good', title: t('verdict.overridden'), detail: verdictSentence(o.verdict), next: nextStep(o.setup) });
    } catch (err) {
      setSigError(errorText(t, err));
    }
  };

  if (!setup) {
    return (
      <section className="station" aria-labelledby="smt-title">
        <h1 id="smt-title" data-testid="smt-title">{line ? t('smt.titleLine', { line }) : t('smt.title')}</h1>
        {line ? <p className="step" data-testid="smt-step">{t('smt.step.load')}</p> : <p className="step" role="alert" data-testid="smt-no-line">{t('smt.noLine')}</p>}
        <ul className="wo-list">
          {(orders ?? []).map((w) => (
            <li key={w.workOrderId}>
              <button className="btn btn-primary btn-xl" onClick={() => void load(w.workOrderId)} data-testid={`load-${w.workOrderId}`}>
                {t('smt.load', { wo: w.workOrderId, product: w.productItemId, qty: w.quantity, rev: w.revision })}
              </button>
            </li>
          ))}
          {orders?.length === 0 && <li className="muted">{t('smt.noWorkOrders')}</li>}
        </ul>
      </section>
    );
  }

  const step = mode === 'splice' ? (spliceOld ? t('smt.splice.scanNew') : t('smt.splice.scanOld')) : mode === 'boards' ? t('smt.boards.step') : mode === 'bake' ? t('clocks.bake.pick') : mode === 'paste' ? t('clocks.paste.pick') : mode === 'remove' ? (removing ? t('smt.remove.why', { slot: removing.slot }) : t('smt.remove.step')) : nextStep(setup);
  return (
    <section className="station" aria-labelledby="smt-title">
      <div className="row spread">
        <h1 id="smt-title">
          {t('smt.header', { wo: setup.workOrderId, product: setup.productItemId, qty: setup.quantity, rev: setup.revision, line: setup.lineId })}
        </h1>
        <span className={setup.running ? 'chip chip-ok' : 'chip'} data-testid="smt-line-state">{setup.running ? t('smt.running') : t('smt.inSetup')}</span>
      </div>
      {setup.revisionPending && (
        <div className="banner banner-warn row spread" role="alert" data-testid="revision-pending">
          <span>{t('smt.revisionPending', { rev: setup.revisionPending.revision, bom: setup.revisionPending.bomId })}</span>
          <button className="btn btn-primary" onClick={() => void client.call('smt.change_revision', { workOrderId: setup.workOrderId }).then((r) => { setSetup(r); feedback.show({ tone: 'warn', title: t('smt.revisionChanged', { rev: r.revision }), detail: r.obsolete.length ? t('smt.obsoleteSlots', { slots: r.obsolete.join(', ') }) : t('smt.noObsolete') }); }, fail)}>
            {t('smt.applyRevision')}
          </button>
        </div>
      )}
      <LoadProblem problem={problem} />
      {setup.unslotted.length > 0 && (
        // Hand-placed or fitted at another station is normal; a clocked material is not checked here, and engineering should know.
        <div className={setup.unslotted.some((u) => u.clock) ? 'banner banner-warn' : 'banner'} role={setup.unslotted.some((u) => u.clock) ? 'alert' : 'note'} data-testid="unslotted">
          <p>{t('smt.unslotted.title', { rev: setup.revision })}</p>
          <ul>
            {setup.unslotted.map((u) => (
              <li key={u.itemId}>{u.clock ? t(`smt.unslotted.clock.${u.clock}`, { item: u.itemId, qty: u.qtyRequired }) : t('smt.unslotted.line', { item: u.itemId, qty: u.qtyRequired })}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="step" data-testid="smt-step" aria-live="polite">{step}</p>

      <div className="mode-bar" role="tablist">
        {(['setup', 'splice', 'boards', 'remove', 'bake', 'paste'] as const).map((m) => (
          <button key={m} role="tab" aria-selected={mode === m} className={mode === m ? 'tab active' : 'tab'} onClick={() => { setMode(m); setSpliceOld(null); setBakeLot(null); setPasteLot(null); setRemoving(null); }} data-testid={`mode-${m}`}>
            {t(`smt.mode.${m}`)}
          </button>
        ))}
      </div>

      {pending && (
        <div className={`pending pending-${pending.verdict === 'WARN' ? 'warn' : 'bad'}`} role="alert" data-testid="pending-verdict">
          <p><strong>{t(`verdict.${pending.verdict}`)}</strong> — {verdictSentence(pending, i18n.language)}</p>
          <div className="row">
            {pending.verdict === 'WARN' && <button className="btn btn-primary btn-big" onClick={() => void acknowledge(pending)}>{t('verdict.confirm')}</button>}
            {pending.verdict === 'REJECT' && pending.overridable && (
              <button className="btn btn-primary btn-big" onClick={() => setSigning(true)}>{t('verdict.override', { role: t(`role.${pending.overrideRole ?? 'supervisor'}`) })}</button>
            )}
            <button className="btn btn-secondary btn-big" onClick={() => setPending(null)}>{t('verdict.putBack')}</button>
          </div>
        </div>
      )}

      {mode === 'remove' && removing && (
        <div className="card" role="group" aria-label={t('smt.remove.why', { slot: removing.slot })} data-testid="remove-panel">
          <p className="step">{t('smt.remove.why', { slot: removing.slot })}</p>
          <div className="remove-reasons">
            {REEL_REMOVE_REASONS.map((r) => (
              <button key={r} className="btn btn-primary btn-xl" onClick={() => void removeReel(removing, r)} data-testid={`remove-${r}`}>{t(`smt.remove.reason.${r}`)}</button>
            ))}
          </div>
          <button className="btn btn-secondary btn-big" onClick={() => setRemoving(null)}>{t('smt.remove.cancel')}</button>
        </div>
      )}
      {unloading && <UnloadPanel setup={setup} onUnloaded={unloaded} onCancel={() => setUnloading(false)} />}

      <div className="station-grid">
        <table className="slots" data-testid="slot-table">
          <thead>
            <tr><th>{t('smt.col.slot')}</th><th>{t('smt.col.part')}</th><th>{t('smt.col.qty')}</th><th>{t('smt.col.reel')}</th></tr>
          </thead>
          <tbody>
            {setup.slots.map((s) => (
              <tr key={s.slot} data-testid={`slot-${s.slot}`} className={s.loaded ? 'slot-ok' : s.slot === setup.pendingSlot ? 'slot-current' : s.obsolete ? 'slot-obsolete' : 'slot-missing'}>
                <td className="slot-name">
                  {mode === 'remove' && s.loaded ? (
                    <button className="btn btn-secondary btn-big" onClick={() => setRemoving({ slot: s.slot })} data-testid={`remove-slot-${s.slot}`} aria-label={t('smt.remove.touch', { slot: s.slot })}>{s.slot}</button>
                  ) : (
                    s.slot
                  )}
                </td>
                <td>
                  <strong>{s.itemId}</strong>
                  {s.alternates.length > 0 && <span className="muted small"> / {s.alternates.join(' / ')}</span>}
                  <div className="muted small">{s.itemName}</div>
                </td>
                <td>{s.qtyRequired}</td>
                <td data-testid={`slot-${s.slot}-reel`}>
                  {s.loaded ? <>✔ {s.loaded.lotId}{s.loaded.via === 'splice' && <span className="muted small"> ({t('smt.spliced')})</span>}</> : s.obsolete ? t('smt.rescan') : s.slot === setup.pendingSlot ? t('smt.scanReelNow') : t('smt.notVerified')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <aside className="side">
          <button className={setup.running ? 'btn-start btn-running' : 'btn-start'} disabled={!setup.canStart} onClick={() => void start()} data-testid="start-line">
            {setup.running ? t('smt.running') : setup.canStart ? t('smt.start') : setup.revisionPending ? t('smt.startBlockedRevision') : t('smt.startBlocked', { slots: setup.missing.join(', ') })}
          </button>
          {mode === 'boards' && (
            <div className="card boards">
              <p>{t('smt.boards.total', { count: setup.boards })}</p>
              <div className="row">
                {[1, 5, 10].map((n) => (
                  <button key={n} className="btn btn-primary btn-big" disabled={!setup.running} onClick={() => void recordBoards({ count: n })} data-testid={`boards-${n}`}>+{n}</button>
                ))}
              </div>
              {boardsMsg && <p className="small" data-testid="boards-msg">{boardsMsg}</p>}
            </div>
          )}
          <button className="btn btn-secondary btn-big" onClick={() => setUnloading(true)} disabled={unloading} data-testid="unload-open">{t('smt.unload.open')}</button>
          <div className="row">
            <button className="btn btn-secondary" onClick={() => void client.call('smt.print_traveler', { workOrderId: setup.workOrderId, kind: 'traveler', lang: ticketLanguage(i18n.language) }).then(() => feedback.show({ tone: 'good', title: t('smt.printed') }), fail)}>{t('smt.printTraveler')}</button>
            <button className="btn btn-secondary" onClick={() => void client.call('smt.print_traveler', { workOrderId: setup.workOrderId, kind: 'kitting', lang: ticketLanguage(i18n.language) }).then(() => feedback.show({ tone: 'good', title: t('smt.printed') }), fail)}>{t('smt.printKitting')}</button>
          </div>
          {mode === 'bake' && <BakePanel scanned={bakeLot} />}
          {mode === 'paste' && <PastePanel scanned={pasteLot} />}
          <ClocksPanel clocks={setup.clocks} />
          {setup.history.length > 0 && (
            <details className="card history">
              <summary>{t('smt.history', { count: setup.history.length })}</summary>
              <ul className="small">
                {setup.history.map((h, i) => (
                  <li key={i}>{h.slot}: {h.lotId} — {t(`smt.why.${h.why}`)}</li>
                ))}
              </ul>
            </details>
          )}
        </aside>
      </div>
      {signing && pending && <SignatureDialog meaning="overridden" onSign={override} onCancel={() => { setSigning(false); setSigError(null); }} error={sigError} />}
    </section>
  );
}
