import { describe, expect, it } from 'vitest';
import { mayNavigate, originOf, planWindow } from './window-plan';

const APP = 'app://lotline';

describe('the shell window plan', () => {
  it.each([
    ['an SMT station shows its own UI', 'smt', 'http://central:4790', { mode: 'station', url: 'app://lotline/index.html', origin: APP, preload: true, problem: null }],
    ['a station that is not enrolled shows its own UI', 'packing', null, { mode: 'station', url: 'app://lotline/index.html', origin: APP, preload: true, problem: null }],
    ['unknown type (runtime failed) shows the station UI', null, 'http://central:4790', { mode: 'station', origin: APP, problem: null }],
    ['a supervisor station shows the board', 'supervisor', 'http://central.plant.local:4790', { mode: 'board', url: 'http://central.plant.local:4790/board/', origin: 'http://central.plant.local:4790', preload: false, problem: null }],
    ['trailing slash', 'supervisor', 'https://central.example/', { mode: 'board', url: 'https://central.example/board/', origin: 'https://central.example' }],
    ['a server under a path prefix', 'supervisor', 'https://mes.example/lotline', { mode: 'board', url: 'https://mes.example/lotline/board/', origin: 'https://mes.example' }],
    ['a supervisor without a server', 'supervisor', null, { mode: 'station', preload: true, problem: expect.stringMatching(/no central server is configured/) }],
    ['a server URL that is not a URL', 'supervisor', 'central:4790 please', { mode: 'station', problem: expect.stringMatching(/not an http or https URL/) }],
    ['a file URL', 'supervisor', 'file:///etc/passwd', { mode: 'station', problem: expect.stringMatching(/not an http or https URL/) }],
    ['a javascript URL', 'supervisor', 'javascript:alert(1)', { mode: 'station', problem: expect.stringMatching(/not an http or https URL/) }],
    ['credentials in the URL', 'supervisor', 'https://admin:secret@central.example', { mode: 'station', problem: expect.stringMatching(/user name or password/) }],
  ])('%s', (_, stationType, serverUrl, plan) => {
    expect(planWindow({ appOrigin: APP, stationType, serverUrl })).toMatchObject(plan);
  });

  it.each([
    ['app://lotline/index.html', 'app://lotline'],
    ['http://central:4790/board/', 'http://central:4790'],
    ['https://Central.Example/x', 'https://central.example'],
    ['about:blank', null],
    ['file:///etc/passwd', null],
    ['nonsense', null],
  ])('originOf(%s) = %s (our app:// scheme has an origin, unlike URL.origin in Node)', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  const board = planWindow({ appOrigin: APP, stationType: 'supervisor', serverUrl: 'http://central:4790' });
  const station = planWindow({ appOrigin: APP, stationType: 'smt', serverUrl: 'http://central:4790' });
  it.each([
    [board, 'http://central:4790/board/', true],
    [board, 'http://central:4790/board/api/login', true],
    [board, 'https://central:4790/board/', false],
    [board, 'http://central:4791/board/', false],
    [board, 'http://central.evil:4790/', false],
    [board, 'app://lotline/index.html', false],
    [board, 'not a url', false],
    [station, 'app://lotline/index.html', true],
    [station, 'http://central:4790/board/', false],
    [station, 'file:///etc/passwd', false],
  ])('%#: from %o may navigate to %s: %s', (plan, url, ok) => {
    expect(mayNavigate(plan, url)).toBe(ok);
  });
});
