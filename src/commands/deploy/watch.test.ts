import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';
import { CliError } from '../../errors/cli-error.js';
import { createColors } from '../../io/colors.js';
import { confirmWatch } from './watch.js';
import { changeSummary, errorJson, errorLines, failedLine, redeployedLine } from './watch-lines.js';

let h: TestHarness | undefined;
afterEach(() => h?.cleanup());

const SLACK = { ROSI_TOKEN: 'xoxb-watch-test', ROSI_APIHOST: API };
const EMULATOR = { ROSI_TOKEN: 'xoxb-watch-test', ROSI_APIHOST: 'http://127.0.0.1:9' };
const useTeam = () => server.use(slackMethod('auth.test', () => ({ team: 'Acme', team_id: 'T0ACME', user_id: 'U1', url: 'https://acme.slack.com/' })));
const gate = (g: Partial<{ yes: boolean; force: boolean }> = {}) => ({ yes: false, force: false, flags: {}, ...g });

describe('confirmWatch: who may redeploy on every change', () => {
  it.each([
    { name: 'the emulator, in CI, no terminal', env: { ...EMULATOR, CI: '1' }, tty: false },
    { name: 'the emulator on a terminal', env: EMULATOR, tty: true },
  ])('$name: no question, no call', async ({ env, tty }) => {
    h = createTestContext({ env, tty });
    await confirmWatch(h.ctx, gate());
    expect(h.prompter.asked).toEqual([]);
    expect(calls()).toHaveLength(0);
  });

  it.each([
    { name: 'CI on a terminal', env: { ...SLACK, CI: 'true' }, tty: true, g: {} },
    { name: 'CI with --yes', env: { ...SLACK, CI: '1' }, tty: false, g: { yes: true } },
    { name: 'CI with --force', env: { ...SLACK, CI: '1' }, tty: false, g: { force: true } },
  ])('Slack, $name: refused (exit 2)', async ({ env, tty, g }) => {
    h = createTestContext({ env, tty });
    const e = await confirmWatch(h.ctx, gate(g)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliError);
    expect(e).toMatchObject({ code: 'watch_refused', exitCode: 2 });
    expect((e as CliError).message).toContain('in CI');
  });

  it('Slack, no terminal, no flag: refused naming --yes (exit 2)', async () => {
    h = createTestContext({ env: SLACK, tty: false });
    const e = await confirmWatch(h.ctx, gate()).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'confirmation_required', exitCode: 2 });
    expect((e as CliError).hint).toContain('rosi deploy --watch --yes');
  });

  it.each([{ g: { yes: true } }, { g: { force: true } }])('Slack, no terminal, $g: no question', async ({ g }) => {
    h = createTestContext({ env: SLACK, tty: false });
    await confirmWatch(h.ctx, gate(g));
    expect(h.prompter.asked).toEqual([]);
  });

  it('Slack on a terminal: asks once, naming the team; yes goes on', async () => {
    useTeam();
    h = createTestContext({ env: SLACK, tty: true, prompter: new FakePrompter({ 'watch-redeploy': [true] }) });
    await confirmWatch(h.ctx, gate());
    expect(h.prompter.asked).toEqual([{ id: 'watch-redeploy', message: 'Redeploy to Acme on every change?' }]);
  });

  it('Slack on a terminal: no stops before anything is built (exit 130)', async () => {
    useTeam();
    h = createTestContext({ env: SLACK, tty: true, prompter: new FakePrompter({ 'watch-redeploy': [false] }) });
    await expect(confirmWatch(h.ctx, gate())).rejects.toMatchObject({ code: 'cancelled', exitCode: 130 });
  });
});

describe('rosi deploy --watch usage', () => {
  it('--watch --dry-run → exit 2, nothing built', async () => {
    const r = await runCliInProcess(['deploy', '--watch', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--watch and --dry-run cannot be used together');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('redeploy lines', () => {
  const c = createColors(false);
  const at = new Date(2026, 11, 1, 9, 5, 7);

  it.each([
    { changed: [], want: 'nothing' },
    { changed: ['functions/greet.ts'], want: 'functions/greet.ts' },
    { changed: ['manifest.ts', 'functions/a.ts', 'assets/x.png'], want: 'manifest.ts and 2 more' },
  ])('changeSummary($changed) → $want', ({ changed, want }) => {
    expect(changeSummary(changed)).toBe(want);
  });

  it('a redeploy and a failure, one line each; the error as a failed deploy prints it, without a stack', () => {
    expect(redeployedLine({ at, changed: ['functions/greet.ts', 'manifest.ts'], durationMs: 1234, appName: 'Hello', appId: 'A1' }, c)).toBe(
      '09:05:07 ✓ redeployed Hello (A1) in 1.2 s: functions/greet.ts and 1 more changed',
    );
    expect(failedLine(at, ['functions/greet.ts'], 300, c)).toBe('09:05:07 ✗ redeploy failed after 0.3 s: functions/greet.ts changed');
    const e = new CliError('build_failed', 'The build failed', 1, { details: ['functions/greet.ts:3:1: Unexpected "}"'], hint: 'Fix it.' });
    expect(errorLines(e, c)).toEqual(['  The build failed (build_failed)', '    - functions/greet.ts:3:1: Unexpected "}"', '  Hint: Fix it.']);
    expect(errorLines(new Error('odd'), c)).toEqual(['  Unexpected error: odd']);
    expect(errorJson(e, ['functions/greet.ts'])).toEqual({
      error: { code: 'build_failed', message: 'The build failed', hint: 'Fix it.', details: ['functions/greet.ts:3:1: Unexpected "}"'] },
      changed: ['functions/greet.ts'],
    });
  });
});
