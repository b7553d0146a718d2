import { describe, expect, it } from 'vitest';
import { createApp, hostedManifest, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { methods } from '../../api/methods.js';

const SECRET = 'v4lue-n3ver-returned';

async function app(emu: InProcessEmulator, manifest = hostedManifest()) {
  const { token, appId } = await createApp(emu, manifest);
  const call = async (verb: 'add' | 'list' | 'remove', body: Record<string, unknown> = {}, as = token) => {
    const r = await emu.json(`apps.hosted.variables.${verb}`, { app_id: appId, ...body }, as);
    if (r.ok === true) expect(methods[`apps.hosted.variables.${verb}`].response.safeParse(r).success).toBe(true);
    return r;
  };
  const stored = async () => (await emu.control(`variables?app_id=${appId}`)).body.variables;
  return { token, appId, call, stored };
}

describe('apps.hosted.variables (runtime contract §6.7)', () => {
  const emu = useInProcessEmulator();

  it('add upserts, list answers sorted names and never values, remove deletes', async () => {
    const a = await app(emu());
    expect(await a.call('list')).toEqual({ ok: true, variable_names: [] });
    expect(await a.call('add', { variables: [{ name: 'b_key', value: 'one' }] })).toEqual({ ok: true });
    expect(await a.call('add', { variables: [{ name: 'API_KEY', value: SECRET }] })).toEqual({ ok: true });
    expect(await a.call('add', { variables: [{ name: 'b_key', value: 'two' }] })).toEqual({ ok: true });
    const listed = await a.call('list');
    expect(listed).toEqual({ ok: true, variable_names: ['API_KEY', 'b_key'] });
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(await a.stored()).toEqual({ API_KEY: SECRET, b_key: 'two' });
    expect(await a.call('remove', { variable_names: ['b_key'] })).toEqual({ ok: true });
    expect(await a.call('list')).toEqual({ ok: true, variable_names: ['API_KEY'] });
  });

  it('add takes several pairs at once, all or none; the last of a repeated name wins', async () => {
    const a = await app(emu());
    const r = await a.call('add', {
      variables: [
        { name: 'A', value: '1' },
        { name: 'A', value: '2' },
        { name: 'B', value: '' },
      ],
    });
    expect(r).toEqual({ ok: true });
    expect(await a.stored()).toEqual({ A: '2', B: '' });
    expect(
      await a.call('add', {
        variables: [
          { name: 'C', value: '3' },
          { name: 'bad-name', value: '4' },
        ],
      }),
    ).toMatchObject({ ok: false });
    expect(await a.stored()).toEqual({ A: '2', B: '' });
  });

  it('remove of a name the app does not have is ok', async () => {
    const a = await app(emu());
    expect(await a.call('remove', { variable_names: ['NEVER_SET'] })).toEqual({ ok: true });
  });

  it.each([
    { name: 'no app_id', verb: 'list' as const, body: { app_id: undefined }, want: { error: 'invalid_arguments' } },
    { name: 'an unknown app', verb: 'list' as const, body: { app_id: 'A0NOSUCHAPP' }, want: { error: 'invalid_app_id' } },
    { name: 'no variables', verb: 'add' as const, body: {}, want: { error: 'invalid_arguments' } },
    { name: 'an empty list', verb: 'add' as const, body: { variables: [] }, want: { error: 'invalid_arguments' } },
    { name: 'a value that is not a string', verb: 'add' as const, body: { variables: [{ name: 'A', value: 1 }] }, want: { error: 'invalid_arguments' } },
    {
      name: 'a name against the rule',
      verb: 'add' as const,
      body: { variables: [{ name: '1A', value: SECRET }] },
      want: { error: 'invalid_arguments', errors: [expect.objectContaining({ code: 'invalid_name', pointer: '/variables/0/name' })] },
    },
    {
      name: 'a value over the limit',
      verb: 'add' as const,
      body: { variables: [{ name: 'BIG', value: 'x'.repeat(32 * 1024 + 1) }] },
      want: { error: 'invalid_arguments', errors: [expect.objectContaining({ code: 'invalid_value', pointer: '/variables/0/value' })] },
    },
    { name: 'remove without names', verb: 'remove' as const, body: { variable_names: [] }, want: { error: 'invalid_arguments' } },
    { name: 'remove with a non-string', verb: 'remove' as const, body: { variable_names: [3] }, want: { error: 'invalid_arguments' } },
  ])('$name → $want.error', async ({ verb, body, want }) => {
    const a = await app(emu());
    const r = await a.call(verb, body);
    expect(r).toMatchObject({ ok: false, ...want });
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('an app that does not run on Slack has none: app_not_hosted', async () => {
    const a = await app(emu(), hostedManifest({ settings: { function_runtime: 'remote' } }));
    expect(await a.call('list')).toEqual({ ok: false, error: 'app_not_hosted' });
  });

  it('tenant isolation: another team’s token sees and changes nothing', async () => {
    const a = await app(emu());
    await a.call('add', { variables: [{ name: 'API_KEY', value: SECRET }] });
    const stranger = await seedUser(emu());
    for (const [verb, body] of [
      ['list', {}],
      ['add', { variables: [{ name: 'API_KEY', value: 'planted' }] }],
      ['remove', { variable_names: ['API_KEY'] }],
    ] as const) {
      expect(await a.call(verb, body, stranger), verb).toEqual({ ok: false, error: 'invalid_app_id' });
    }
    expect(await a.stored()).toEqual({ API_KEY: SECRET });
  });

  it('takes form bodies with the list as a JSON string, as @slack/web-api sends it', async () => {
    const a = await app(emu());
    const r = await emu().form('apps.hosted.variables.add', { token: a.token, app_id: a.appId, variables: JSON.stringify([{ name: 'F', value: 'x' }]) });
    expect(r).toEqual({ ok: true });
    expect(await emu().form('apps.hosted.variables.list', { token: a.token, app_id: a.appId })).toEqual({ ok: true, variable_names: ['F'] });
  });
});

describe('apps.hosted.variables with --max-variable-size', () => {
  const emu = useInProcessEmulator({ maxVariableBytes: 8 });

  it('the limit is the configured one, in bytes', async () => {
    const a = await app(emu());
    expect(await a.call('add', { variables: [{ name: 'A', value: '12345678' }] })).toEqual({ ok: true });
    expect(await a.call('add', { variables: [{ name: 'A', value: '€€€' }] })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });
});
