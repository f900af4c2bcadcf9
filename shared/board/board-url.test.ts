import { describe, expect, it } from 'vitest';
import { boardTarget } from './board-url';

describe('board URL from the server URL', () => {
  it.each([
    ['http://central.plant.local:4790', { url: 'http://central.plant.local:4790/board/', origin: 'http://central.plant.local:4790' }],
    ['https://central.example/', { url: 'https://central.example/board/', origin: 'https://central.example' }],
    ['https://mes.example/lotline', { url: 'https://mes.example/lotline/board/', origin: 'https://mes.example' }],
    ['HTTP://Central:80/', { url: 'http://central/board/', origin: 'http://central' }],
    ['https://central:443?x=1', { url: 'https://central/board/', origin: 'https://central' }],
    ['http://127.0.0.1:4790', { url: 'http://127.0.0.1:4790/board/', origin: 'http://127.0.0.1:4790' }],
    ['http://[::1]:4790', { url: 'http://[::1]:4790/board/', origin: 'http://[::1]:4790' }],
    [null, { problem: 'no central server is configured' }],
    ['  ', { problem: 'no central server is configured' }],
    ['central:4790 please', { problem: expect.stringMatching(/not an http or https URL/) }],
    ['file:///etc/passwd', { problem: expect.stringMatching(/not an http or https URL/) }],
    ['javascript:alert(1)', { problem: expect.stringMatching(/not an http or https URL/) }],
    ['https://admin:secret@central.example', { problem: expect.stringMatching(/user name or password/) }],
  ])('%s', (server, target) => {
    expect(boardTarget(server)).toEqual(target);
  });
});
