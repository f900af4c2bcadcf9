// Label accountability end to end in the runtime: print on the simulated Zebra, scan back
// from the printed bytes, void on mismatch, reprint with reason and signature, apply,
// reconcile — every step an event, bad data never queued.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Push } from '../../shared/contract/station';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

const UDI = {
  gtin: '09506000134352',
  productName: 'Sterile luer cap, box of 10',
  ref: 'LC-10',
  lot: 'L2611-A7',
  productionDate: '2026-11-20',
  expiry: '2029-10-31',
  quantity: 10,
  manufacturer: 'Lotline Medical Devices GmbH',
};

describe('label accountability', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  const pushes: Push[] = [];
  const api = () => client(inProcessTransport(rt));
  const count = (type: string) => (rt.store.sqlite.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(type) as { n: number }).n;
  /** Scans the last printed label from the simulator's bytes and returns that scan's sequence. */
  const scanBack = async (damage = false) => {
    const before = pushes.length;
    const { text } = await api().call('devices.sim_scan_printed', { barcode: 0, damage });
    await expect.poll(() => pushes.slice(before).find((p) => p.topic === 'scan' && p.data.text === text)).toBeTruthy();
    const p = pushes.slice(before).find((x) => x.topic === 'scan' && x.data.text === text)!;
    return p.topic === 'scan' ? p.data.seq : 0;
  };

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    rt.onPush((p) => pushes.push(p));
    await rt.startDevices();
    for (let i = 0; i < 100 && !rt.hasLabelPrinter(); i++) await new Promise((r) => setTimeout(r, 50));
    await api().call('auth.login', { badge: 'PK-200', pin: '2222' });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('refuses data that does not fit, naming the field, and queues nothing', async () => {
    const jobs = rt.devices!.zebraSim!.jobs.length;
    const before = rt.log.lastSeq;
    const err = await api().call('labels.print', { templateId: 'fg-udi-lot', data: { ...UDI, gtin: '09506000134353' }, lotId: 'FG-1', copies: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'gtin' })] });
    const missing = await api().call('labels.print', { templateId: 'fg-udi-lot', data: { ...UDI, lot: null }, lotId: 'FG-1', copies: 1 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'lot' })] });
    expect(rt.log.lastSeq).toBe(before);
    expect(rt.printQueue!.pending()).toHaveLength(0);
    expect(rt.devices!.zebraSim!.jobs.length).toBe(jobs);
  });

  it('prints two labels, each issued before it is sent and printed once', async () => {
    const jobs = rt.devices!.zebraSim!.jobs.length;
    const labels = await api().call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: 'FG-1', copies: 2 });
    expect(labels).toHaveLength(2);
    await expect.poll(() => count('label.printed')).toBe(2);
    expect(rt.devices!.zebraSim!.jobs.length).toBe(jobs + 2);
    // Each issued label names the hash of the very job the queue sent, and the printer got that label.
    const issued = rt.store.sqlite.prepare("SELECT json_extract(e.payload, '$.zplSha256') AS hash, j.zpl FROM events e JOIN device_print_jobs j ON j.id = json_extract(e.payload, '$.jobId') WHERE e.type = 'label.issued' ORDER BY e.seq DESC LIMIT 2").all() as Array<{ hash: string; zpl: string }>;
    expect(issued.map((i) => i.hash)).toEqual(issued.map((i) => createHash('sha256').update(i.zpl).digest('hex')));
    expect(rt.devices!.zebraSim!.jobs.slice(jobs).map((j) => j.zpl)).toEqual(issued.map((i) => i.zpl.trim()));
    const listed = await api().call('labels.list', { lotId: 'FG-1' });
    expect(listed.every((l) => l.state === 'printed' && l.needsVerification)).toBe(true);
  });

  it('an uncertain job of a label is not re-sent from the print queue: it is said printed or cancelled, and the label voided and reprinted in Labels', async () => {
    const [label] = await api().call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: 'FG-Q', copies: 1 });
    await expect.poll(() => count('label.printed')).toBeGreaterThan(0);
    // As a crash between send and confirm leaves it.
    rt.store.sqlite.prepare("UPDATE device_print_jobs SET state = 'uncertain' WHERE id = ?").run(label!.jobId);
    const jobs = rt.devices!.zebraSim!.jobs.length;
    const before = rt.log.lastSeq;
    await expect(api().call('print.resolve', { jobId: label!.jobId, decision: 'reprint', reason: 'no label came out' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'print_job_is_label', jobId: label!.jobId.slice(0, 8) } });
    expect(rt.devices!.zebraSim!.jobs.length).toBe(jobs);
    expect(rt.log.lastSeq).toBe(before);
    await expect(api().call('print.resolve', { jobId: label!.jobId, decision: 'printed', reason: 'it is on the roll' })).resolves.toMatchObject({ state: 'confirmed' });
  });

  it('a scan-back of the printed bytes verifies the label', async () => {
    const [label] = await api().call('labels.list', { lotId: 'FG-1', limit: 1 });
    const r = await api().call('labels.verify', { labelId: label!.labelId, scanSeq: await scanBack() });
    expect(r).toMatchObject({ match: true, label: { state: 'verified' } });
    // Verified is done: a read sent to it again (a stale screen, a double read) — here a
    // damaged one that would void it — is refused and records nothing.
    const damaged = await scanBack(true);
    const before = rt.log.lastSeq;
    await expect(api().call('labels.verify', { labelId: label!.labelId, scanSeq: damaged })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'label_not_awaiting_scan', labelId: label!.labelId.slice(0, 8) } });
    expect(rt.log.lastSeq).toBe(before);
    expect((await api().call('labels.list', { lotId: 'FG-1' })).find((l) => l.labelId === label!.labelId)?.state).toBe('verified');
  });

  it('a damaged label does not verify: it is voided, with the field that differs', async () => {
    const labels = await api().call('labels.list', { lotId: 'FG-1' });
    const unverified = labels.find((l) => !l.verified)!;
    const r = await api().call('labels.verify', { labelId: unverified.labelId, scanSeq: await scanBack(true) });
    expect(r.match).toBe(false);
    expect(r.label.state).toBe('voided');
    expect(r.mismatches.length).toBeGreaterThan(0);
    expect(count('label.verify_failed')).toBe(1);
  });

  it('a reprint needs a reason and, by default, a signature; it replaces the voided label', async () => {
    const voided = (await api().call('labels.list', { lotId: 'FG-1' })).find((l) => l.state === 'voided')!;
    await expect(api().call('labels.reprint', { labelId: voided.labelId, reason: 'smudged' })).rejects.toMatchObject({ code: 'signature_invalid' });
    const reprint = await api().call('labels.reprint', { labelId: voided.labelId, reason: 'smudged', signature: { badge: 'PK-200', pin: '2222', meaning: 'performed', reason: 'reprint of a smudged label' } });
    expect(reprint).toMatchObject({ reprintOf: voided.labelId, needsVerification: true });
    await expect.poll(async () => (await api().call('labels.list', { lotId: 'FG-1' })).find((l) => l.labelId === reprint.labelId)?.printed).toBe(true);
    const signed = rt.store.sqlite.prepare("SELECT signature, reason FROM events WHERE type = 'label.issued' ORDER BY seq DESC").get() as { signature: string; reason: string };
    expect(JSON.parse(signed.signature)).toMatchObject({ signerName: 'Priya Shah', meaning: 'performed' });
    expect(signed.reason).toBe('smudged');
    await expect(api().call('labels.apply', { labelId: reprint.labelId })).rejects.toMatchObject({ code: 'conflict' });
    const v = await api().call('labels.verify', { labelId: reprint.labelId, scanSeq: await scanBack() });
    expect(v.match).toBe(true);
    // Replaced once: the voided label cannot be reprinted a second time beside its replacement.
    const before = rt.log.lastSeq;
    await expect(api().call('labels.reprint', { labelId: voided.labelId, reason: 'smudged', signature: { badge: 'PK-200', pin: '2222', meaning: 'performed', reason: 'again' } })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'label_already_reprinted', labelId: voided.labelId.slice(0, 8), replacement: reprint.labelId.slice(0, 8) } });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('reconciliation balances only when every issued label is applied or voided, and is signed', async () => {
    const labels = await api().call('labels.list', { lotId: 'FG-1' });
    for (const l of labels.filter((x) => x.state === 'verified')) await api().call('labels.apply', { labelId: l.labelId });
    const c = await api().call('labels.reconciliation', { lotId: 'FG-1' });
    expect(c).toEqual({ lotId: 'FG-1', issued: 3, printed: 3, verified: 2, applied: 2, voided: 1, balanced: true });
    const sig = { badge: 'PK-200', pin: '2222', meaning: 'verified' as const, reason: 'lot FG-1 labels reconciled' };
    await expect(api().call('labels.reconcile', { lotId: 'FG-1', signature: sig })).resolves.toMatchObject({ balanced: true });

    await api().call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: 'FG-2', copies: 1 });
    await expect(api().call('labels.reconcile', { lotId: 'FG-2', signature: sig })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api().call('labels.reconcile', { lotId: 'FG-2', explanation: 'label fell into the line, destroyed', signature: sig })).resolves.toMatchObject({ balanced: false });
  });

  it('a printed confirmation that arrives twice records one label.printed', async () => {
    expect(count('label.printed')).toBeGreaterThan(0);
    // The queue's recovery path (uncertain jobs) is covered by the device tests; here: a
    // confirmation from the status poll and another from the operator count once.
    await expect.poll(async () => (await api().call('labels.list', { lotId: 'FG-2' }))[0]?.printed).toBe(true);
    const [l] = await api().call('labels.list', { lotId: 'FG-2' });
    const before = count('label.printed');
    await rt.system('labels.record_printed', { labelId: l!.labelId, jobId: l!.jobId });
    expect(count('label.printed')).toBe(before);
  });
});

describe('a station whose label printer is not ready', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path); // devices never started: no label printer
    await client(inProcessTransport(rt)).call('auth.login', { badge: 'PK-200', pin: '2222' });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('refuses a print with a problem the packer reads in their language, and records nothing', async () => {
    const before = rt.log.lastSeq;
    await expect(client(inProcessTransport(rt)).call('labels.print', { templateId: 'fg-udi-lot', data: UDI, lotId: 'FG-1', copies: 1 })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'no_label_printer' } });
    await expect(rt.printTestLabel()).rejects.toMatchObject({ code: 'conflict', details: { problem: 'no_label_printer' } });
    expect(rt.log.lastSeq).toBe(before);
    expect(rt.store.sqlite.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(0);
  });
});

describe('the label policy', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  const api = () => client(inProcessTransport(rt));
  const policyEvents = () => rt.store.sqlite.prepare("SELECT payload, signature, reason FROM events WHERE type = 'label.policy_set' ORDER BY seq").all() as Array<{ payload: string; signature: string | null; reason: string | null }>;
  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('is changed only by QA or an administrator, signed with a reason; a refused change changes nothing', async () => {
    const next = { verifyMode: 'first_last' as const, reprintNeedsSignature: false };
    await api().call('auth.login', { badge: 'PK-200', pin: '2222' });
    await expect(api().call('labels.set_policy', { ...next, signature: { badge: 'PK-200', pin: '2222', meaning: 'approved', reason: 'faster' } })).rejects.toMatchObject({ code: 'forbidden' });
    await api().call('auth.login', { badge: 'QA-400', pin: '4444' });
    await expect(api().call('labels.set_policy', next as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api().call('labels.set_policy', { ...next, signature: { badge: 'QA-400', pin: '0000', meaning: 'approved', reason: 'first and last' } })).rejects.toMatchObject({ code: 'signature_invalid' });
    expect(policyEvents().length).toBe(0);
    expect(await api().call('labels.policy', {})).toEqual({ verifyMode: 'every', reprintNeedsSignature: true });

    const set = await api().call('labels.set_policy', { ...next, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'validated printer: first and last of each run' } });
    expect(set).toEqual(next);
    expect(await api().call('labels.policy', {})).toEqual(next);
    const [ev] = policyEvents();
    expect(JSON.parse(ev!.payload)).toEqual(next);
    expect(ev!.reason).toBe('validated printer: first and last of each run');
    expect(JSON.parse(ev!.signature!)).toMatchObject({ signerName: 'Quinn Okafor', meaning: 'approved' });
  });
});
