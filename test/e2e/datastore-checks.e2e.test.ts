import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../helpers/datastore.js';
import { control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let project: string;
let cleanup: () => void;

// A project whose manifest.json declares the seeded app's datastores ("things", "tasks"), so rosi knows them.
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, datastoreManifest());
  await loginSplit(emu, home);
  project = join(home, 'project');
  mkdirSync(join(project, '.slack'), { recursive: true });
  writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
  writeFileSync(join(project, '.slack', 'apps.json'), JSON.stringify({ apps: { T0EMULATOR: { app_id: APP, team_id: 'T0EMULATOR', team_domain: 'emulator' } } }));
  writeFileSync(join(project, 'manifest.json'), JSON.stringify(datastoreManifest()));
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const outside = (args: string[]) => runRosi(['datastore', ...args, '--app', APP], { home });
const datastoreCalls = async () => {
  let n = 0;
  for (const m of ['query', 'count', 'put']) n += (await control<{ count: number }>(emu, `calls?method=apps.datastore.${m}`)).count;
  return n;
};

describe('deep nesting is refused before any request', () => {
  it('--where with thousands of parentheses exits 2 naming the limit, and sends nothing', async () => {
    const before = await datastoreCalls();
    const r = await outside(['query', '--datastore', 'things', '--where', `${'('.repeat(5000)}n = 1${')'.repeat(5000)}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ Invalid --where at column 66: the condition nests more than 64 levels deep');
    expect(r.stderr).not.toMatch(/Maximum call stack|bug in rosi/);
    expect(await datastoreCalls()).toBe(before);
  });

  it('--item nested thousands of levels exits 2 naming the limit, and sends nothing', async () => {
    const before = await datastoreCalls();
    const deep = `{"id": "d1", "meta": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const r = await outside(['put', '--datastore', 'things', '--item', deep]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ --item nests more than 64 levels deep (invalid_datastore_expression)');
    const unclosed = await outside(['put', '--datastore', 'things', '--item', '['.repeat(50_000)]);
    expect(unclosed.code).toBe(2);
    expect(unclosed.stderr).toContain('--item is not valid JSON: expected no more than 64 levels of nesting at column 65');
    expect(await datastoreCalls()).toBe(before);
  });
});
