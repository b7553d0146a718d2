import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knownTriggersFile, noteTriggers, readKnownTriggers } from './known-triggers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rosi-known-'));
  dirs.push(dir);
  return knownTriggersFile({ dataDir: join(dir, 'data') });
}

const NOW = new Date('2026-01-01T00:00:00Z');
const t = (id: string, name?: string) => ({ id, name, type: 'webhook', webhook_url: 'https://hooks.test/secret-path' });

describe('the triggers rosi has seen, by app', () => {
  it('a listing replaces the app’s; create adds; delete removes; other apps stay', async () => {
    const f = file();
    await noteTriggers(f, 'A1', { replace: [t('Ft1', 'One'), t('Ft2', 'Two')] }, NOW);
    await noteTriggers(f, 'A2', { add: [t('Ft9')] }, NOW);
    await noteTriggers(f, 'A1', { add: [t('Ft3', 'Three'), t('Ft1', 'Renamed')] }, NOW);
    expect(await readKnownTriggers(f, 'A1')).toEqual([
      { id: 'Ft2', name: 'Two', type: 'webhook' },
      { id: 'Ft3', name: 'Three', type: 'webhook' },
      { id: 'Ft1', name: 'Renamed', type: 'webhook' },
    ]);
    await noteTriggers(f, 'A1', { remove: 'Ft2' }, NOW);
    await noteTriggers(f, 'A1', { replace: [t('Ft3', 'Three')] }, NOW);
    expect((await readKnownTriggers(f, 'A1')).map((k) => k.id)).toEqual(['Ft3']);
    expect(await readKnownTriggers(f, 'A2')).toEqual([{ id: 'Ft9', type: 'webhook' }]);
  });

  it('keeps only the ID, name and type: a webhook URL never lands in the file', async () => {
    const f = file();
    await noteTriggers(f, 'A1', { add: [t('Ft1', 'One')] }, NOW);
    expect(readFileSync(f, 'utf8')).not.toContain('hooks.test');
  });

  it.each([
    { name: 'no file', text: undefined },
    { name: 'not JSON', text: '{"A1": {' },
    { name: 'the wrong shape', text: '{"A1": {"triggers": [42, {"name": "no id"}]}, "A2": 7}' },
    { name: 'an inherited key', text: '{}' },
  ])('$name: nothing known, no error', async ({ text }) => {
    const f = file();
    if (text !== undefined) {
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, text);
    }
    expect(await readKnownTriggers(f, text === '{}' ? '__proto__' : 'A1')).toEqual([]);
  });

  it('a folder that cannot be made: no error (the note only helps completion)', async () => {
    const f = file();
    // A file where the folder should be: mkdir fails whoever runs the test.
    writeFileSync(join(f, '..'), 'not a folder');
    await expect(noteTriggers(f, 'A1', { add: [t('Ft1')] }, NOW)).resolves.toBeUndefined();
    expect(await readKnownTriggers(f, 'A1')).toEqual([]);
  });

  it('keeps the 100 apps noted last', async () => {
    const f = file();
    for (let i = 0; i < 102; i++) await noteTriggers(f, `A${i}`, { add: [t(`Ft${i}`)] }, new Date(NOW.getTime() + i * 1000));
    expect(await readKnownTriggers(f, 'A0')).toEqual([]);
    expect(await readKnownTriggers(f, 'A1')).toEqual([]);
    expect(await readKnownTriggers(f, 'A2')).toHaveLength(1);
    expect(await readKnownTriggers(f, 'A101')).toHaveLength(1);
  });
});
