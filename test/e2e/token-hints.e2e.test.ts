import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const BAD = 'xoxp-0000000000-refused';

describe('a refused token gets a hint that fits where it came from', () => {
  it('--token: check it or create one on the same host, never `rosi login`', async () => {
    const r = await runRosi(['auth', 'status', '--apihost', emu.url, '--token', BAD], { home: fresh() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('invalid_auth from auth.test');
    expect(r.stderr).toContain(
      `Hint: Check the token given with --token, or create one with \`rosi auth token --apihost ${emu.url}\`; or leave --token out to use a stored login.`,
    );
    expect(r.stderr).not.toContain('rosi login');
  });

  it('login --token: a refused token points at a ticket login on the same host, not at itself', async () => {
    const r = await runRosi(['login', '--apihost', emu.url, '--token', BAD], { home: fresh() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`or leave --token out to log in with a ticket: \`rosi login --apihost ${emu.url}\`.`);
  });

  it('ROSI_TOKEN: replace or unset the variable', async () => {
    const r = await runRosi(['auth', 'status', '--apihost', emu.url], { home: fresh(), env: { ROSI_TOKEN: BAD } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Replace the token in ROSI_TOKEN');
    expect(r.stderr).toContain('unset ROSI_TOKEN');
    expect(r.stderr).not.toContain('rosi login');
  });

  it('--token-file: replace the token in that file', async () => {
    const h = fresh();
    writeFileSync(join(h, 'token.txt'), BAD);
    const r = await runRosi(['auth', 'status', '--apihost', emu.url, '--token-file', join(h, 'token.txt')], { home: h });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`Replace the token in ${join(h, 'token.txt')}`);
    expect(r.stderr).not.toContain('rosi login');
  });

  it('a revoked stored login: the hint logs in again on its host and in its folder', async () => {
    const h = fresh();
    const dir = join(h, 'creds');
    await loginSplit(emu, h, { SLACK_CONFIG_DIR: dir });
    const { token } = Object.values(JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as Record<string, { token: string }>)[0]!;
    await fetch(`${emu.url}/api/auth.revoke`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const r = await runRosi(['auth', 'status', '--config-dir', dir], { home: h });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`\`rosi login --apihost ${emu.url} --config-dir ${dir}\``);
  });

  it('--token without --apihost in a project deployed to the emulator says where the app lives', async () => {
    const h = fresh();
    await loginSplit(emu, h);
    const project = join(h, 'proj');
    mkdirSync(join(project, '.slack'), { recursive: true });
    writeFileSync(join(project, '.slack', 'hooks.json'), '{}');
    writeFileSync(
      join(project, '.slack', 'apps.json'),
      JSON.stringify({ apps: { [emu.teamId]: { app_id: 'A0EMULATOR1', team_id: emu.teamId, team_domain: 'emulator' } } }),
    );
    // slack.com either refuses the token or cannot be reached from here: the note is the same.
    const r = await runRosi(['activity', '--token', BAD], { home: h, cwd: project, env: { ROSI_HTTP_TIMEOUT: '2' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`This project's app A0EMULATOR1 was deployed to ${emu.url}, not https://slack.com: add --apihost ${emu.url}.`);
  });

  it('--token without --apihost: rosi’s record of the deploy names the host even with no login stored', async () => {
    const h = fresh();
    const project = join(h, 'proj');
    mkdirSync(join(project, '.slack'), { recursive: true });
    writeFileSync(join(project, '.slack', 'hooks.json'), '{}');
    const entry = { app_id: 'A0EMULATOR1', team_domain: 'emulator', team_id: emu.teamId };
    writeFileSync(
      join(project, '.slack', 'apps.json'),
      JSON.stringify({ apps: { [emu.teamId]: entry }, rosi: { apps: { [emu.url]: { [emu.teamId]: entry } } } }),
    );
    const r = await runRosi(['activity', '--token', BAD], { home: h, cwd: project, env: { ROSI_HTTP_TIMEOUT: '2' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`This project's app A0EMULATOR1 was deployed to ${emu.url}, not https://slack.com: add --apihost ${emu.url}.`);
  });
});

describe('every API host passes the same check', () => {
  it('a stored login with plain http to a remote host: exit 2, nothing sent, and logout still removes it', async () => {
    const h = fresh();
    mkdirSync(join(h, '.slack'));
    const file = join(h, '.slack', 'credentials.json');
    writeFileSync(
      file,
      JSON.stringify({
        T0CLEAR001: {
          team_id: 'T0CLEAR001',
          team_domain: 'clear',
          user_id: 'U1',
          token: 'xoxp-1-cleartext',
          refresh_token: 'xoxe-1-cleartext',
          exp: 1,
          api_host: 'http://slack.example.com',
        },
      }),
    );
    const r = await runRosi(['auth', 'status', '--verbose'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plain http:// for a non-loopback host (slack.example.com)');
    expect(r.stderr).toContain('insecure_apihost');
    expect(r.stderr).toContain('`rosi logout --team T0CLEAR001`');
    expect(r.stderr).not.toContain('→ POST');
    const out = await runRosi(['logout', '--team', 'T0CLEAR001', '--verbose'], { home: h });
    expect(out.stderr).not.toContain('→ POST');
    expect(out.stderr).not.toContain('--apihost http://slack.example.com');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });
});
