// What a verdict's recorded parameters may hold: the shapes the rules produce, nothing else.
import { describe, expect, it } from 'vitest';
import { RecordedParamsSchema } from './workflow-types';

describe('recorded parameters', () => {
  it.each([
    ['ids, numbers, flags and nothing', { lotId: 'L-100005', days: 12, qty: 0.5, ok: true, none: null }],
    ['a list of ids', { lotIds: ['L-1', 'L-2'] }],
    ['no parameters', {}],
    ['a name of 64 characters', { ['n'.repeat(64)]: 1 }],
  ])('keeps %s as given', (_, params) => {
    expect(RecordedParamsSchema.parse(params)).toStrictEqual(params);
  });

  it.each([
    ['a name longer than 64 characters', { ['n'.repeat(65)]: 1 }],
    ['a sentence longer than 1000 characters', { text: 'x'.repeat(1001) }],
    ['a list of more than 100 ids', { lotIds: Array.from({ length: 101 }, (_, i) => `L-${i}`) }],
    ['an id longer than 200 characters in a list', { lotIds: ['x'.repeat(201)] }],
    ['a nested object', { lot: { id: 'L-1' } }],
    ['numbers in a list', { qty: [1, 2] }],
    ['a number JSON cannot hold', { qty: Number.POSITIVE_INFINITY }],
    ['a list instead of an object', ['L-1']],
    ['null instead of an object', null],
  ])('refuses %s', (_, params) => {
    expect(RecordedParamsSchema.safeParse(params).success).toBe(false);
  });
});
