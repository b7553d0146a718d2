import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { runCliInProcess, type TestContextOptions } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, inSequence, slackError, slackMethod } from '../../../test/msw/slack.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SECRET = 'pa55-W0RD-never-shown';
const CI = { SLACK_SERVICE_TOKEN: 'xoxb-ci-token', ROSI_APIHOST: API };
const APP = ['--app', 'A0ENV00001'];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rosi-env-'));
  dirs.push(d);
  return d;
}
const rosi = (argv: string[], o: TestContextOptions = {}) => runCliInProcess([...argv, ...APP], { env: CI, ...o });
const variables = () => [slackMethod('apps.hosted.variables.add'), slackMethod('apps.hosted.variables.remove')];

describe('rosi env: the wire (runtime contract §2.1)', () => {
  it('set sends one pair per call as JSON with a Bearer token', async () => {
    server.use(...variables());
    const r = await rosi(['env', 'set', 'API_KEY', SECRET]);
    expect(r.code, r.stderr).toBe(0);
    const [c] = calls('apps.hosted.variables.add');
    expect(c?.rawBody).toBe(`{"app_id":"A0ENV00001","variables":[{"name":"API_KEY","value":"${SECRET}"}]}`);
    expect(c?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(c?.headers.authorization).toBe('Bearer xoxb-ci-token');
    expect(r.stderr).toContain('Set API_KEY on app A0ENV00001');
    expect(r.stdout).toBe('');
  });

  it('list sends the app ID and prints the names sorted, one a line', async () => {
    server.use(slackMethod('apps.hosted.variables.list', () => ({ variable_names: ['b_var', 'API_KEY', 'A_2'] })));
    const r = await rosi(['env', 'list']);
    expect(calls('apps.hosted.variables.list')[0]?.rawBody).toBe('{"app_id":"A0ENV00001"}');
    expect(r).toMatchObject({ code: 0, stdout: 'API_KEY\nA_2\nb_var\n' });
  });

  it('list --json, and an app with none', async () => {
    server.use(slackMethod('apps.hosted.variables.list', () => ({ variable_names: [] })));
    const r = await rosi(['env', 'list', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ app_id: 'A0ENV00001', variable_names: [] });
    const human = await rosi(['vars']);
    expect(human).toMatchObject({ code: 0, stdout: '' });
    expect(human.stderr).toContain('App A0ENV00001 has no environment variables.');
  });

  it('unset sends the names in one call; remove is its alias', async () => {
    server.use(...variables());
    const r = await rosi(['env', 'unset', 'A', 'B', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.hosted.variables.remove')[0]?.rawBody).toBe('{"app_id":"A0ENV00001","variable_names":["A","B"]}');
    expect(JSON.parse(r.stdout)).toEqual({ app_id: 'A0ENV00001', unset: ['A', 'B'] });
    expect((await rosi(['env', 'remove', 'C'])).code).toBe(0);
    expect(calls('apps.hosted.variables.remove')[1]?.params.variable_names).toEqual(['C']);
  });

  it('add is set’s alias, with --json', async () => {
    server.use(...variables());
    const r = await rosi(['var', 'add', 'X', '1', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ app_id: 'A0ENV00001', set: ['X'], not_set: [] });
  });
});

describe('rosi env set: where the value comes from', () => {
  it('--value-file drops one trailing newline', async () => {
    server.use(...variables());
    const f = join(tempDir(), 'key.txt');
    writeFileSync(f, `${SECRET}\n`);
    expect((await rosi(['env', 'set', 'K', '--value-file', f])).code).toBe(0);
    expect(calls('apps.hosted.variables.add')[0]?.params.variables).toEqual([{ name: 'K', value: SECRET }]);
  });

  it('--value-file - reads stdin', async () => {
    server.use(...variables());
    expect((await rosi(['env', 'set', 'K', '--value-file', '-'], { env: CI, stdin: 'multi\nline\r\n' })).code).toBe(0);
    expect(calls('apps.hosted.variables.add')[0]?.params.variables).toEqual([{ name: 'K', value: 'multi\nline' }]);
  });

  it('a hidden prompt on a terminal', async () => {
    server.use(...variables());
    const prompter = new FakePrompter({ 'variable-value': [SECRET] });
    const r = await rosi(['env', 'set', 'K'], { env: CI, tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(prompter.asked).toEqual([{ id: 'variable-value', message: 'Value of K' }]);
    expect(calls('apps.hosted.variables.add')[0]?.params.variables).toEqual([{ name: 'K', value: SECRET }]);
  });

  it('no value and no terminal: exit 2 naming --value-file, nothing sent', async () => {
    const r = await rosi(['env', 'set', 'K']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No value was given for K');
    expect(r.stderr).toContain('--value-file');
    expect(calls()).toHaveLength(0);
  });

  it.each([
    { name: 'a bad name', argv: ['env', 'set', 'MY-KEY', 'v'], want: '"MY-KEY" (<name>) is not a usable variable name' },
    { name: 'an empty value', argv: ['env', 'set', 'K', ''], want: 'K (<value>): the value is empty' },
    { name: 'a value over 32 KiB', argv: ['env', 'set', 'K', 'x'.repeat(32 * 1024 + 1)], want: 'the value is 32769 bytes, over the 32768-byte limit' },
    { name: 'a value and --value-file', argv: ['env', 'set', 'K', 'v', '--value-file', 'f'], want: 'Give the value once' },
    { name: 'no name', argv: ['env', 'set'], want: 'Name the variable to set' },
    { name: 'a name with --from-file', argv: ['env', 'set', 'K', '--from-file', '.env'], want: '--from-file sets every variable of the file' },
    { name: 'a bad name to unset', argv: ['env', 'unset', 'A', '9Z'], want: '"9Z" (<name>) is not a usable variable name' },
    {
      name: 'a missing --value-file',
      argv: ['env', 'set', 'K', '--value-file', '/nonexistent/k'],
      want: 'Cannot read --value-file /nonexistent/k: no such file',
    },
  ])('$name: exit 2 before anything is sent', async ({ argv, want }) => {
    const r = await rosi(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(want);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi env set --from-file', () => {
  const dotenv = (text: string) => {
    const f = join(tempDir(), '.env');
    writeFileSync(f, text);
    return f;
  };

  it('with --force sets each variable in file order, one call each, reporting names only', async () => {
    server.use(...variables());
    const f = dotenv(`# keys\nexport A="${SECRET}"\nB=two # comment\n`);
    const r = await rosi(['env', 'set', '--from-file', f, '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.hosted.variables.add').map((c) => c.params.variables)).toEqual([[{ name: 'A', value: SECRET }], [{ name: 'B', value: 'two' }]]);
    expect(JSON.parse(r.stdout)).toEqual({ app_id: 'A0ENV00001', set: ['A', 'B'], not_set: [] });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('without --force and without a terminal: exit 2 naming --force, nothing sent', async () => {
    const r = await rosi(['env', 'set', '--from-file', dotenv('A=1\nB=2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Setting 2 variables from');
    expect(r.stderr).toMatch(/--force/);
    expect(calls()).toHaveLength(0);
  });

  it('on a terminal it asks first; no means nothing is sent', async () => {
    server.use(...variables());
    const f = dotenv('A=1\nB=2');
    const no = await rosi(['env', 'set', '--from-file', f], { env: CI, tty: true, prompter: new FakePrompter({ 'env-set-from-file': [false] }) });
    expect(no.code).toBe(130);
    expect(calls()).toHaveLength(0);
    const yes = await rosi(['env', 'set', '--from-file', f], { env: CI, tty: true, prompter: new FakePrompter({ 'env-set-from-file': [true] }) });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stderr).toContain(`${f} sets A, B`);
    expect(calls('apps.hosted.variables.add')).toHaveLength(2);
  });

  it('a bad line fails naming file and line, before anything is sent', async () => {
    const f = dotenv('A=1\nB=2\nC-D=3');
    const r = await rosi(['env', 'set', '--from-file', f, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Line 3 of ${f}: "C-D" is not a usable variable name`);
    expect(calls()).toHaveLength(0);
  });

  it('an empty value fails naming its line', async () => {
    const r = await rosi(['env', 'set', '--from-file', dotenv('A=1\nB=\n'), '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/B \(line 2 of .*\.env\): the value is empty/);
    expect(calls()).toHaveLength(0);
  });

  it('a failure after k of n: says which were set and which not, exit 1; the re-run sets them all', async () => {
    server.use(
      slackMethod(
        'apps.hosted.variables.add',
        inSequence(
          () => ({}),
          () => ({ ok: false, error: 'invalid_auth' }) as never,
          () => ({}),
        ),
      ),
    );
    const f = dotenv(`A=1\nB=${SECRET}\nC=3`);
    const r = await rosi(['env', 'set', '--from-file', f, '--force', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ app_id: 'A0ENV00001', set: ['A'], not_set: ['B', 'C'] });
    const err = JSON.parse(r.stderr) as { error: { code: string; message: string; details: string[]; hint: string } };
    expect(err.error.code).toBe('partial_failure');
    expect(err.error.message).toContain('Set 1 of 3 variables');
    expect(err.error.message).toContain('setting B failed');
    expect(err.error.details).toEqual(['set: A', 'not set: B, C']);
    expect(err.error.hint).toContain('--from-file');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('a failure of the first call is that call’s own error', async () => {
    server.use(slackError('apps.hosted.variables.add', 'invalid_app_id'));
    const r = await rosi(['env', 'set', '--from-file', dotenv('A=1'), '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid_app_id');
  });
});

describe('rosi env diff', () => {
  it('names only in the file (+) and only on the app (-), exit 0', async () => {
    server.use(slackMethod('apps.hosted.variables.list', () => ({ variable_names: ['SHARED', 'APP_ONLY'] })));
    const d = tempDir();
    writeFileSync(join(d, '.env'), 'SHARED=1\nFILE_ONLY=2\n');
    const r = await rosi(['env', 'diff'], { env: CI, cwd: d });
    expect(r).toMatchObject({ code: 0, stdout: '+ FILE_ONLY\n- APP_ONLY\n' });
    const json = await rosi(['env', 'diff', '--file', join(d, '.env'), '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ app_id: 'A0ENV00001', file: join(d, '.env'), only_in_file: ['FILE_ONLY'], only_in_app: ['APP_ONLY'] });
  });

  it('a missing file is exit 2, nothing sent', async () => {
    const r = await rosi(['env', 'diff', '--file', '/nonexistent/.env']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read /nonexistent/.env: no such file');
    expect(calls()).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('--verbose logs the calls but never the value', async () => {
    server.use(
      ...variables(),
      slackMethod('apps.hosted.variables.list', () => ({ variable_names: ['API_KEY'] })),
    );
    const r = await rosi(['env', 'set', 'API_KEY', SECRET, '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('apps.hosted.variables.add');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
