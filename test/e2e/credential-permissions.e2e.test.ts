import { execSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRosi, startEmulator, freshHomes, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

const fresh = freshHomes();

const mode = (path: string) => statSync(path).mode & 0o777;

describe('config folder and credentials file permissions', () => {
  it.each([
    { loose: '0755', m: 0o755 },
    { loose: '0777', m: 0o777 },
  ])('an existing config folder with mode $loose is tightened to 0700 when rosi writes a login', async ({ m }) => {
    const h = fresh();
    mkdirSync(join(h, '.slack'));
    chmodSync(join(h, '.slack'), m);
    await loginSplit(emu, h);
    expect(mode(join(h, '.slack'))).toBe(0o700);
    expect(mode(join(h, '.slack', 'credentials.json'))).toBe(0o600);
  });

  it('a credentials file others can read is read with a warning whose chmod command, run as printed, silences it', async () => {
    const h = fresh();
    await loginSplit(emu, h);
    const file = join(h, '.slack', 'credentials.json');
    chmodSync(file, 0o644);

    const list = await runRosi(['auth', 'list', '--json'], { home: h });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    expect(list.stderr).toContain(`${file} holds tokens and can be read by other users (mode 0644)`);
    const fix = /fix it with: (chmod 600 \S+)$/m.exec(list.stderr)?.[1];
    expect(fix).toBe(`chmod 600 ${file}`);

    execSync(fix!, { cwd: h });
    expect(mode(file)).toBe(0o600);
    const again = await runRosi(['auth', 'list'], { home: h });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('other users');
  });

  it('a private credentials file is read without a warning', async () => {
    const h = fresh();
    await loginSplit(emu, h);
    const r = await runRosi(['auth', 'list'], { home: h });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
