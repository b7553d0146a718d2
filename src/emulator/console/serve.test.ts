import { describe, expect, it } from 'vitest';
import { fromThisMachine } from './serve.js';

describe('who may use the console', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.2', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s → %s', (address, local) => {
    expect(fromThisMachine(address)).toBe(local);
  });
});
