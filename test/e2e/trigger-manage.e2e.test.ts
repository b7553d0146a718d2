import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { control, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';
import { callCount, deploySample, expectFailure, json, printedArgv } from './trigger-helpers.js';

// `rosi trigger info|update|delete|access` through the built CLI against the built emulator, on the sample
// app (examples/hello-rosi) deployed by the seeded developer.

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let sample: { dir: string; appId: string };

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startEmulator(['--in-memory', '--control'], home);
  await loginSplit(emu, home);
  sample = await deploySample(home, 'hello');
  // Two more people in the developer's workspace to share triggers with.
  for (const user_id of ['U0ALICE001', 'U0BOB00001']) await control(emu, 'seed', { team_id: emu.teamId, user_id });
}, 90_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});
beforeEach(async () => {
  await control(emu, 'reset-calls', {});
});

const trigger = (args: string[], o: { cwd?: string; env?: Record<string, string> } = {}) =>
  runRosi(['trigger', ...args], { home, cwd: o.cwd ?? sample.dir, env: { TZ: 'UTC', ...o.env } });
/** A printed command, run as printed from the sample app's folder. */
const runPrinted = (stderr: string, lead: string) => runRosi(printedArgv(stderr, lead), { home, cwd: sample.dir });
type Access = { permission_type: string; user_ids: string[]; channel_ids: string[]; team_ids: string[]; org_ids: string[] };
type Trigger = { id: string; name: string; description: string; webhook_url?: string; date_created: number };

/** A new webhook trigger from the sample definition; its ID. */
async function webhook(): Promise<string> {
  return json<Trigger>(await trigger(['create', '--trigger-def', 'triggers/greet_webhook.ts', '--json'])).id;
}
const accessOf = async (id: string) => json<Access>(await trigger(['access', '--trigger-id', id, '--info', '--json']));
const accessCalls = async () =>
  (await control<{ calls: { method: string }[] }>(emu, 'calls')).calls.filter((c) => c.method.startsWith('workflows.triggers.permissions.'));

describe('info and update', () => {
  it('info: the trigger and who can run it, as text and as {"trigger", "access"}', async () => {
    const id = await webhook();
    const r = await trigger(['info', '--trigger-id', id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Greet from a webhook ${id} \\(webhook\\)\\n`));
    expect(r.stdout).toContain('  Description: POST {"kind": "greeting", "name": "…", "channel": "C…"} to greet someone\n');
    expect(r.stdout).toContain('  Workflow:    #/workflows/greet_and_remember\n');
    expect(r.stdout).toMatch(/ {2}URL: +http:\/\/127\.0\.0\.1:\d+\/triggers\//);
    expect(r.stdout).toContain('  Can be run by: the app’s collaborators\n');
    const info = json<{ trigger: Trigger; access: Access }>(await trigger(['info', '--trigger-id', id, '--json']));
    expect(info.trigger).toMatchObject({ id, type: 'webhook', name: 'Greet from a webhook' });
    expect(info.access).toMatchObject({ permission_type: 'app_collaborators', channel_ids: [], team_ids: [], org_ids: [] });
  });

  it('update replaces the trigger whole: the name changes, the description is gone, the ID and URL stay', async () => {
    const id = await webhook();
    const before = json<{ trigger: Trigger }>(await trigger(['info', '--trigger-id', id, '--json'])).trigger;
    const file = join(sample.dir, 'renamed.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'webhook',
        name: 'Renamed',
        workflow: '#/workflows/greet_and_remember',
        inputs: { name: { value: '{{data.name}}' }, channel: { value: '{{data.channel}}' } },
      }),
    );
    const r = await trigger(['update', '--trigger-id', id, '--trigger-def', 'renamed.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Renamed ${id} \\(webhook\\)\\n`));
    expect(r.stderr).toContain(`Updated trigger ${id} on app ${sample.appId}`);
    const after = json<{ trigger: Trigger }>(await trigger(['info', '--trigger-id', id, '--json'])).trigger;
    expect(after).toMatchObject({ id, name: 'Renamed', description: '', webhook_url: before.webhook_url, date_created: before.date_created });
  });

  it.each(['info', 'update', 'delete', 'access'])('%s without --trigger-id and without a terminal: exit 2 naming the flag, nothing sent', async (verb) => {
    const extra = verb === 'update' ? ['--trigger-def', 'triggers/greet_webhook.ts'] : verb === 'access' ? ['--everyone'] : [];
    const r = await trigger([verb, ...extra]);
    expectFailure(r, 2);
    expect(r.stderr).toContain(`rosi trigger ${verb} needs --trigger-id, and there is no terminal to choose a trigger on (missing_flag)`);
    expect((await control<{ count: number }>(emu, 'calls')).count).toBe(0);
  });
});

describe('delete', () => {
  it('--force deletes; the URL stops working and info no longer finds it', async () => {
    const id = await webhook();
    const url = json<{ trigger: Trigger }>(await trigger(['info', '--trigger-id', id, '--json'])).trigger.webhook_url as string;
    expect(json(await trigger(['delete', '--trigger-id', id, '--force', '--json']))).toEqual({ trigger_id: id, deleted: true });
    expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
    const gone = await trigger(['info', '--trigger-id', id]);
    expectFailure(gone, 1);
    expect(gone.stderr).toContain('(trigger_not_found from workflows.triggers.info)');
  });

  it('without --force and without a terminal: exit 2, nothing deleted; the printed command, run as printed (from anywhere), deletes it', async () => {
    const id = await webhook();
    const r = await trigger(['delete', '--trigger-id', id]);
    expectFailure(r, 2);
    expect(r.stderr).toContain(`Deleting trigger ${id} needs a confirmation, and there is no terminal to ask on (confirmation_required)`);
    expect(await callCount(emu, 'workflows.triggers.delete')).toBe(0);
    const argv = printedArgv(r.stderr, 'then pass --force: ');
    expect(argv).toEqual(['trigger', 'delete', '--trigger-id', id, '--force', '--app', sample.appId]);
    // It names the app, so it works outside the project folder too.
    const done = await runRosi(argv, { home, cwd: home });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain(`Deleted trigger ${id} from app ${sample.appId}`);
    expectFailure(await trigger(['info', '--trigger-id', id]), 1);
  });
});

describe('access', () => {
  it('after create, the printed access command runs as printed; --app-collaborators sets it back', async () => {
    const created = await trigger(['create', '--trigger-def', 'triggers/greet_webhook.ts']);
    expect(created.code, created.stderr).toBe(0);
    const id = /Created trigger (Ft\w+)/.exec(created.stderr)?.[1] as string;
    const everyone = await runPrinted(created.stderr, 'Choose who can run it: ');
    expect(everyone.code, everyone.stderr).toBe(0);
    expect(everyone.stderr).toContain(`Everyone in the workspace can now run trigger ${id}`);
    expect(await accessOf(id)).toMatchObject({ permission_type: 'everyone' });
    const back = await trigger(['access', '--trigger-id', id, '--app-collaborators']);
    expect(back.stdout).toBe(`Trigger ${id}\n  Can be run by: the app’s collaborators\n`);
    expect(await accessOf(id)).toMatchObject({ permission_type: 'app_collaborators' });
  });

  it('--users --grant sets a list (the printed "to keep them" command adds the collaborators), a second grant adds; channels; --revoke', async () => {
    const id = await webhook();
    const first = await trigger(['access', '--trigger-id', id, '--users', 'U0ALICE001', '--grant']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`Trigger ${id}\n  Can be run by:\n    users: U0ALICE001\n`);
    const keep = await runPrinted(first.stderr, 'To keep them: ');
    expect(keep.code, keep.stderr).toBe(0);
    expect((await accessOf(id)).user_ids.sort()).toEqual(['U0ALICE001', 'U0EMULATOR']);

    expect((await trigger(['access', '--trigger-id', id, '--users', 'u0bob00001', '--grant'])).code).toBe(0);
    expect((await trigger(['access', '--trigger-id', id, '--channels', 'C0GENERAL', '--grant'])).code).toBe(0);
    expect(await accessOf(id)).toMatchObject({ permission_type: 'named_entities', channel_ids: ['C0GENERAL'] });
    expect((await accessOf(id)).user_ids.sort()).toEqual(['U0ALICE001', 'U0BOB00001', 'U0EMULATOR']);

    const revoked = await trigger(['access', '--trigger-id', id, '--revoke', '--users', 'U0ALICE001']);
    expect(revoked.stderr).toContain(`Revoked access to trigger ${id}`);
    const info = await trigger(['access', '--trigger-id', id, '--info']);
    expect(info.stdout).toMatch(/ {4}users: (U0BOB00001, U0EMULATOR|U0EMULATOR, U0BOB00001)\n {4}channels: C0GENERAL\n$/);
  });

  it('--grant with --revoke: exit 2, nothing sent', async () => {
    const id = await webhook();
    await control(emu, 'reset-calls', {});
    const r = await trigger(['access', '--trigger-id', id, '--grant', '--revoke', '--users', 'U0ALICE001']);
    expectFailure(r, 2);
    expect(r.stderr).toContain('Use --grant or --revoke, not both (mismatched_flags)');
    expect(await accessCalls()).toEqual([]);
  });

  it('a user or channel the workspace does not have: exit 1, named, no stack trace; the access is unchanged', async () => {
    const id = await webhook();
    const user = await trigger(['access', '--trigger-id', id, '--users', 'U0NOBODY01']);
    expectFailure(user, 1);
    expect(user.stderr).toContain('✗ The user U0NOBODY01 is not one the trigger can be shared with (user_not_found from workflows.triggers.permissions.set)');
    expect(user.stderr).toContain('Hint: Check the user IDs: each must be of the app’s workspace');
    // Nobody lost access, so there is nothing to keep.
    expect(user.stderr).not.toContain('To keep them');
    const channel = await trigger(['access', '--trigger-id', id, '--channels', 'C0NOWHERE1']);
    expectFailure(channel, 1);
    expect(channel.stderr).toContain('The channel C0NOWHERE1 is not one the trigger can be shared with (channel_not_found');
    expect(await accessOf(id)).toMatchObject({ permission_type: 'app_collaborators' });
  });
});

describe('another team', () => {
  it('a token of another team cannot see, change or delete the first team’s triggers', async () => {
    const id = await webhook();
    const { token } = await control<{ token: string }>(emu, 'seed', { team_id: 'T0OTHERTEAM', team_domain: 'other', user_id: 'U0MALLORY1' });
    const other = (args: string[]) => trigger([...args, '--app', sample.appId], { cwd: home, env: { ROSI_TOKEN: token, ROSI_APIHOST: emu.url } });

    const listed = await other(['list', '--json']);
    expect(json(listed)).toEqual({ app_id: sample.appId, triggers: [] });
    for (const args of [
      ['info', '--trigger-id', id],
      ['delete', '--trigger-id', id, '--force'],
      ['access', '--trigger-id', id, '--everyone'],
    ]) {
      const r = await other(args);
      expectFailure(r, 1);
      expect(r.stderr, args.join(' ')).toContain('(trigger_not_found from workflows.triggers.');
    }
    expect(json<{ access: Access }>(await trigger(['info', '--trigger-id', id, '--json'])).access.permission_type).toBe('app_collaborators');
  });
});
