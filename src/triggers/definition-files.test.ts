import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTriggerDefinitionFiles, isEditorLeftover, triggerPaths } from './definition-files.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function project(files: string[]): string {
  dir = mkdtempSync(join(tmpdir(), 'rosi-trigger-files-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), '{}');
  }
  return dir;
}

describe('triggerPaths', () => {
  it.each([
    { name: 'no config', config: undefined, want: ['triggers/*'] },
    { name: 'no trigger-paths', config: { 'protocol-version': ['message-boundaries'] }, want: ['triggers/*'] },
    {
      name: 'listed, trimmed, empty entries dropped',
      config: { 'trigger-paths': [' src/triggers/*.ts ', '', '  ', 'more/*.json'] },
      want: ['src/triggers/*.ts', 'more/*.json'],
    },
    { name: 'only empty entries', config: { 'trigger-paths': [''] }, want: ['triggers/*'] },
    { name: 'not a list', config: { 'trigger-paths': 'triggers/*.ts' }, want: ['triggers/*'] },
  ])('$name', ({ config, want }) => {
    expect(triggerPaths(config)).toEqual(want);
  });
});

describe('findTriggerDefinitionFiles', () => {
  it('the default path: every file in triggers/, sorted, editor leftovers and folders skipped', async () => {
    const root = project([
      'triggers/greet.ts',
      'triggers/daily.json',
      'triggers/greet.ts~',
      'triggers/greet.ts.~1~',
      'triggers/#greet.ts#',
      'triggers/.greet.ts.swp',
      'triggers/nested/deep.ts',
      'other/not-me.ts',
    ]);
    expect(await findTriggerDefinitionFiles(root, ['triggers/*'])).toEqual(['triggers/daily.json', 'triggers/greet.ts']);
  });

  it('several patterns with ? and [..], each file once', async () => {
    const root = project(['src/triggers/a1.ts', 'src/triggers/a2.ts', 'src/triggers/b.json', 'src/triggers/a1.js']);
    expect(await findTriggerDefinitionFiles(root, ['src/triggers/a?.ts', 'src/triggers/[ab]1.*', 'src/*/b.json'])).toEqual([
      'src/triggers/a1.js',
      'src/triggers/a1.ts',
      'src/triggers/a2.ts',
      'src/triggers/b.json',
    ]);
  });

  it('a folder named without a wildcard stands for its files', async () => {
    const root = project(['triggers/a.ts', 'triggers/b.ts~']);
    expect(await findTriggerDefinitionFiles(root, ['triggers'])).toEqual(['triggers/a.ts']);
  });

  it('a pattern that matches nothing, or a missing folder, is no error', async () => {
    const root = project(['README.md']);
    expect(await findTriggerDefinitionFiles(root, ['triggers/*', 'nope/*.ts'])).toEqual([]);
  });

  it('dots in a pattern are literal', async () => {
    const root = project(['triggers/a.ts', 'triggers/axts']);
    expect(await findTriggerDefinitionFiles(root, ['triggers/*.ts'])).toEqual(['triggers/a.ts']);
  });
});

describe('isEditorLeftover', () => {
  it.each([
    ['greet.ts~', true],
    ['greet.ts.~2~', true],
    ['#greet.ts#', true],
    ['.greet.ts.swp', true],
    ['greet.ts', false],
    ['~greet.ts', false],
  ])('%s → %s', (name, want) => {
    expect(isEditorLeftover(name)).toBe(want);
  });
});
