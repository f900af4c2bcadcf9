import { describe, expect, it } from 'vitest';
import { nextOperation, passProblem, RoutingsSchema, type Routings } from './operations';

const ROUTINGS: Routings = { 'MP-LUER-CAP': [{ code: 'DEGATE', name: 'Degating' }, { code: 'INSPECT', name: 'Visual inspection' }] };

describe('nextOperation', () => {
  it.each([
    ['MP-LUER-CAP', [], { kind: 'next', code: 'DEGATE' }],
    ['MP-LUER-CAP', ['DEGATE'], { kind: 'next', code: 'INSPECT' }],
    ['MP-LUER-CAP', ['DEGATE', 'INSPECT'], { kind: 'complete' }],
    ['RESIN-PC', [], { kind: 'no_routing' }],
  ] as const)('%s after %j', (itemId, passed, want) => {
    const n = nextOperation(ROUTINGS, itemId, passed);
    expect(n.kind).toBe(want.kind);
    if (n.kind === 'next' && 'code' in want) expect(n.operation.code).toBe(want.code);
  });
});

describe('passProblem', () => {
  it.each([
    [[], 'DEGATE', null],
    [['DEGATE'], 'INSPECT', null],
    [[], 'INSPECT', 'operation_out_of_order'],
    [['DEGATE'], 'DEGATE', 'operation_already_passed'],
    [['DEGATE', 'INSPECT'], 'INSPECT', 'operation_already_passed'],
    [[], 'WASH', 'operation_not_in_routing'],
  ] as const)('passed %j, pass %s → %s', (passed, op, want) => {
    expect(passProblem(ROUTINGS, 'MB-1', 'MP-LUER-CAP', passed, op)?.problem.problem ?? null).toBe(want);
  });
});

describe('RoutingsSchema (the site file)', () => {
  it.each([
    [{ 'MP-LUER-CAP': [{ code: 'DEGATE', name: 'Degating' }] }, true],
    [{ 'MP-LUER-CAP': [] }, false],
    [{ 'MP-LUER-CAP': [{ code: 'degate', name: 'Degating' }] }, false],
    [{ 'MP-LUER-CAP': [{ code: 'DEGATE', name: 'Degating' }, { code: 'DEGATE', name: 'Again' }] }, false],
    [{ 'MP-LUER-CAP': [{ code: 'DEGATE' }] }, false],
  ] as const)('%j → valid %s', (file, ok) => {
    expect(RoutingsSchema.safeParse(file).success).toBe(ok);
  });
});
