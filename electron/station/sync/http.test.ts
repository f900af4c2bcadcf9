import { describe, expect, it } from 'vitest';
import { protocolMessage } from './http';

describe('which side to upgrade when versions do not match', () => {
  it.each([
    ['1.0', '2.0', /needs a newer station.*update this station/],
    ['2.0', '1.0', /newer than the central server.*update the central server first/],
    ['1.0', '1.4', /refused this station's sync protocol 1.0 \(it speaks 1.4\)/],
    ['1.0', null, /refused this station's sync protocol 1.0$/],
    ['1.0', 'banana', /refused .* \(it speaks banana\)/],
  ])('station %s, server %s', (ours, theirs, expected) => {
    expect(protocolMessage(ours, theirs)).toMatch(expected);
  });
});
