import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { command, query } from '../../../shared/contract/define';
import { StationError } from '../../../shared/contract/errors';
import type { StationDb } from '../store/db';
import type { EventLog } from '../store/event-log';
import { CommandBus, keysDropped } from './bus';

describe('keys an answer carries that its contract drops', () => {
  const Schema = z.object({ a: z.number(), list: z.array(z.object({ id: z.string() })), nested: z.object({ x: z.string() }).nullable(), opt: z.string().default('d') });
  it.each([
    ['nothing extra', { a: 1, list: [{ id: 'L' }], nested: { x: 'y' } }, []],
    ['a top-level key', { a: 1, list: [], nested: null, pinHash: 'scrypt$…' }, ['pinHash']],
    ['a key inside a list item', { a: 1, list: [{ id: 'L' }, { id: 'M', secret: 's' }], nested: null }, ['list[1].secret']],
    ['a key inside a nested object', { a: 1, list: [], nested: { x: 'y', token: 't' } }, ['nested.token']],
    ['an undefined key is not sent, so not dropped', { a: 1, list: [], nested: null, gone: undefined }, []],
  ] as const)('%s', (_, sent, dropped) => {
    expect(keysDropped(sent, Schema.parse(sent), '')).toEqual(dropped);
  });
});

describe('the bus checks its own answers only when asked to', () => {
  const contract = { 'test.answer': query(z.object({}), z.object({ lotId: z.string() }), { access: 'public' }) };
  const bus = (checkOutputs: 'strict' | 'off', answer: unknown) => {
    const b = new CommandBus({ sqlite: new Database(':memory:'), db: {} as StationDb, log: {} as EventLog, clock: Date.now, verifySignature: () => Promise.reject(new Error('unused')), onCommitted: () => undefined, checkOutputs });
    b.register(contract, { 'test.answer': { kind: 'query', run: () => answer as { lotId: string } } });
    return b;
  };
  const caller = { kind: 'client', session: null } as const;

  it('strict (the test suites): an answer with a key the contract does not name is refused, naming the key', async () => {
    expect(await bus('strict', { lotId: 'L-1', pinHash: 'x' }).call('test.answer', {}, caller)).toMatchObject({ ok: false, error: { code: 'internal', message: 'test.answer: answered keys its contract does not name (pinHash)' } });
  });

  it('strict: an answer of the wrong shape is refused', async () => {
    expect(await bus('strict', { lotId: 7 }).call('test.answer', {}, caller)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('test.answer: produced an invalid result (lotId:') } });
  });

  it('off (a station): the answer goes out as the handler made it, for the receiving client to check', async () => {
    expect(await bus('off', { lotId: 'L-1' }).call('test.answer', {}, caller)).toMatchObject({ ok: true, result: { lotId: 'L-1' } });
    expect(await bus('off', { lotId: 7 }).call('test.answer', {}, caller)).toMatchObject({ ok: true, result: { lotId: 7 } });
  });
});

describe('a command that changed something outside the store in prepare is told whether its transaction committed', () => {
  const contract = { 'test.act': command(z.object({ outcome: z.enum(['commit', 'throw', 'reject']) }), z.object({ done: z.boolean() }), { access: 'public' }) };
  const run = async (outcome: 'commit' | 'throw' | 'reject', checkOutputs: 'strict' | 'off' = 'off', answer: unknown = { done: true }) => {
    const settled: boolean[] = [];
    const log = { committed: () => undefined, rolledBack: () => undefined } as unknown as EventLog;
    const b = new CommandBus({ sqlite: new Database(':memory:'), db: {} as StationDb, log, clock: Date.now, verifySignature: () => Promise.reject(new Error('unused')), onCommitted: () => undefined, checkOutputs });
    b.register(contract, {
      'test.act': {
        kind: 'command',
        prepare: async () => 'outside',
        run: (ctx, input) => {
          if (input.outcome === 'throw') throw new Error('SQLITE_FULL: database or disk is full');
          if (input.outcome === 'reject') ctx.reject(new StationError('conflict', 'refused inside'));
          return answer as { done: boolean };
        },
        settle: async (prepared, committed) => void settled.push(prepared === 'outside' && committed),
      },
    });
    const res = await b.call('test.act', { outcome }, { kind: 'client', session: null });
    return { res, settled };
  };

  it.each([
    ['committed', 'commit', [true], true],
    ['rolled back (a throw inside the transaction)', 'throw', [false], false],
    ['refused from inside run (only its own events commit, not the act)', 'reject', [false], false],
  ] as const)('%s', async (_, outcome, settled, ok) => {
    const r = await run(outcome);
    expect(r.settled).toEqual(settled);
    expect(r.res.ok).toBe(ok);
  });

  it('an answer the output check refuses was still committed: settle hears true', async () => {
    const r = await run('commit', 'strict', { done: true, extra: 1 });
    expect(r.settled).toEqual([true]);
    expect(r.res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('what a command does after its commit (a push, the sync client woken)', () => {
  const contract = { 'test.act': command(z.object({ outcome: z.enum(['commit', 'throw', 'reject']) }), z.object({ done: z.boolean() }), { access: 'public' }) };
  const run = async (outcome: 'commit' | 'throw' | 'reject', afterThrows = false) => {
    const seen: string[] = [];
    const failed: string[] = [];
    const log = { committed: () => void seen.push('committed'), rolledBack: () => void seen.push('rolled back') } as unknown as EventLog;
    const b = new CommandBus({ sqlite: new Database(':memory:'), db: {} as StationDb, log, clock: Date.now, verifySignature: () => Promise.reject(new Error('unused')), onCommitted: () => undefined, onAfterFailed: (m, err) => void failed.push(`${m}: ${(err as Error).message}`) });
    b.register(contract, {
      'test.act': {
        kind: 'command',
        run: (ctx, input) => {
          if (input.outcome === 'throw') throw new Error('SQLITE_FULL: database or disk is full');
          if (input.outcome === 'reject') ctx.reject(new StationError('conflict', 'refused inside'));
          return { done: true };
        },
        after: async (result) => {
          seen.push(`after ${JSON.stringify(result)}`);
          if (afterThrows) throw new Error('listener gone');
        },
      },
    });
    const res = await b.call('test.act', { outcome }, { kind: 'client', session: null });
    return { res, seen, failed };
  };

  it.each([
    ['committed: runs once, after the commit, with the answer', 'commit', ['committed', 'after {"done":true}'], true],
    ['rolled back: never runs', 'throw', ['rolled back'], false],
    ['refused from inside run: never runs', 'reject', ['committed'], false],
  ] as const)('%s', async (_, outcome, seen, ok) => {
    const r = await run(outcome);
    expect(r.seen).toEqual(seen);
    expect(r.res.ok).toBe(ok);
  });

  it('a follow-up that fails does not turn a committed command into a refusal; it is reported', async () => {
    const r = await run('commit', true);
    expect(r.res).toMatchObject({ ok: true, result: { done: true } });
    expect(r.failed).toEqual(['test.act: listener gone']);
  });
});
