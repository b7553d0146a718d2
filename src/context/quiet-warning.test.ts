import { describe, expect, it } from 'vitest';
import { withoutExperimentalWarning } from './quiet-warning.js';

describe('withoutExperimentalWarning', () => {
  it("holds back only that feature's ExperimentalWarning, only while loading", async () => {
    const printed: unknown[][] = [];
    const proc = { emitWarning: (...args: unknown[]) => void printed.push(args) };
    const original = proc.emitWarning;
    await withoutExperimentalWarning(proc, 'SQLite', async () => {
      proc.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
      proc.emitWarning('SQLite is an experimental feature and might change at any time', { type: 'ExperimentalWarning' });
      proc.emitWarning('WASI is an experimental feature and might change at any time', 'ExperimentalWarning');
      proc.emitWarning('SQLite went sideways', 'Warning');
    });
    expect(printed).toEqual([
      ['WASI is an experimental feature and might change at any time', 'ExperimentalWarning'],
      ['SQLite went sideways', 'Warning'],
    ]);
    expect(proc.emitWarning).toBe(original);
  });

  it('puts emitWarning back when loading fails', async () => {
    const proc = { emitWarning: () => undefined };
    const original = proc.emitWarning;
    await expect(withoutExperimentalWarning(proc, 'SQLite', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(proc.emitWarning).toBe(original);
  });
});
