import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const task = { id: '42', title: 'Write tests', status: 'open' };

describe('rosi datastore get', () => {
  it.each([
    { name: 'an id and --datastore', argv: ['42', '--datastore', 'tasks'] },
    { name: 'the official JSON expression', argv: ['{"datastore": "tasks", "id": "42"}'] },
    { name: 'keys in any case, and the datastore flag agreeing', argv: ['{"DATASTORE": "tasks", "Id": "42"}', '--datastore', 'tasks'] },
  ])('$name → apps.datastore.get with app_id', async ({ argv }) => {
    server.use(slackMethod('apps.datastore.get', () => ({ datastore: 'tasks', item: task })));
    const r = await runCliInProcess(['datastore', 'get', ...argv, ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.get')).toHaveLength(1);
    const call = calls('apps.datastore.get')[0]!;
    expect(call.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', id: '42' });
    expect(call.headers.authorization).toBe('Bearer xoxb-test');
    expect(call.headers['content-type']).toContain('application/json');
    expect(JSON.parse(r.stdout)).toEqual(task);
    expect(r.stdout).toBe(`${JSON.stringify(task, null, 2)}\n`);
    expect(r.stderr).toBe('Item 42 from datastore tasks:\n');
  });

  it.each([['--json'], ['--output', 'json']])('%s prints {datastore, item} and nothing on stderr', async (...flag) => {
    server.use(slackMethod('apps.datastore.get', () => ({ datastore: 'tasks', item: task })));
    const r = await runCliInProcess(['datastore', 'get', '42', '--datastore', 'tasks', ...flag, ...CI]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', item: task });
    expect(r.stderr).toBe('');
  });

  it('an item that does not exist: "Not found" on stderr, exit 1', async () => {
    server.use(slackMethod('apps.datastore.get', () => ({ datastore: 'tasks', item: {} })));
    const r = await runCliInProcess(['datastore', 'get', '7', '--datastore', 'tasks', ...CI]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain('Not found: no item with primary key "7" in datastore tasks (item_not_found)');
  });

  it('a Slack error is reported with its code and exit 1', async () => {
    server.use(
      slackError('apps.datastore.get', 'datastore_error', {
        errors: [{ code: 'datastore_config_not_found', message: 'No such datastore', pointer: '/datastores' }],
      }),
    );
    const r = await runCliInProcess(['datastore', 'get', '7', '--datastore', 'nope', ...CI]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(datastore_error from apps.datastore.get)');
    expect(r.stderr).toContain('No such datastore (datastore_config_not_found) at /datastores');
  });
});

describe('--output json errors', () => {
  it('a Slack error is one JSON line on stderr, as with --json', async () => {
    server.use(
      slackError('apps.datastore.get', 'datastore_error', {
        errors: [{ code: 'datastore_config_not_found', message: 'No such datastore', pointer: '/datastores' }],
      }),
    );
    const r = await runCliInProcess(['datastore', 'get', '7', '--datastore', 'nope', '--output', 'json', ...CI]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'datastore_error', method: 'apps.datastore.get' } });
  });

  it.each([
    { name: 'invalid JSON', argv: ['get', '{"id": ', '--output=json'], code: 'invalid_datastore_expression' },
    { name: 'an unknown flag', argv: ['get', '1', '--datastore', 'tasks', '--bogus', '--output', 'json'], code: 'unknown_option' },
  ])('$name is a JSON error too, exit 2, no request', async ({ argv, code }) => {
    const r = await runCliInProcess(['datastore', ...argv, ...CI]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code } });
    expect(calls('apps.datastore.get')).toHaveLength(0);
  });
});

describe('rosi datastore put / update', () => {
  it.each(['put', 'update'] as const)('%s --item sends the item and prints what Slack stored', async (verb) => {
    const method = verb === 'put' ? 'apps.datastore.put' : 'apps.datastore.update';
    server.use(slackMethod(method, (p) => ({ datastore: 'tasks', item: p.item as object })));
    const r = await runCliInProcess(['datastore', verb, '--datastore', 'tasks', '--item', JSON.stringify(task), ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls(method)[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', item: task });
    expect(JSON.parse(r.stdout)).toEqual(task);
    expect(r.stderr).toBe(`✓ ${verb === 'put' ? 'Stored' : 'Updated'} an item in datastore tasks:\n`);
  });

  it('put with the official expression and --json', async () => {
    server.use(slackMethod('apps.datastore.put', () => ({ datastore: 'tasks', item: task })));
    const r = await runCliInProcess(['datastore', 'put', JSON.stringify({ datastore: 'tasks', item: task }), '--json', ...CI]);
    expect(r.code).toBe(0);
    expect(calls('apps.datastore.put')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', item: task });
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', item: task });
  });

  it('falls back to the request when the answer leaves the item out', async () => {
    server.use(slackMethod('apps.datastore.update', () => ({})));
    const r = await runCliInProcess(['datastore', 'update', '--datastore', 'tasks', '--item', '{"id":"1","done":true}', '--json', ...CI]);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', item: { id: '1', done: true } });
  });
});

describe('rosi datastore delete', () => {
  it('deletes by id: status on stderr, stdout empty', async () => {
    server.use(slackMethod('apps.datastore.delete', () => ({})));
    const r = await runCliInProcess(['datastore', 'delete', '42', '--datastore', 'tasks', ...CI]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '✓ Deleted item 42 from datastore tasks\n' });
    expect(calls('apps.datastore.delete')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', id: '42' });
  });

  it('--json fills datastore and id from the request when Slack leaves them out', async () => {
    server.use(slackMethod('apps.datastore.delete', () => ({})));
    const r = await runCliInProcess(['datastore', 'delete', '{"datastore":"tasks","id":"42"}', '--json', ...CI]);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', id: '42' });
    expect(r.stderr).toBe('');
  });
});

describe('bad input: exit 2 and no request', () => {
  it.each([
    {
      name: 'invalid JSON names the column',
      argv: ['get', '{"id": 42,}', '--datastore', 'tasks'],
      msg: 'The expression is not valid JSON: expected a property name in double quotes at column 11, found "}" (invalid_datastore_expression)',
    },
    {
      name: 'an unknown key lists the valid ones',
      argv: ['get', '{"id": "1", "colour": "red"}', '--datastore', 'tasks'],
      msg: '"colour" is not a datastore expression key; the keys it takes are app, datastore, id',
    },
    {
      name: '--datastore against the expression',
      argv: ['get', '{"datastore": "tasks", "id": "1"}', '--datastore', 'notes'],
      msg: '--datastore notes does not match the expression\'s datastore "tasks" (mismatched_flags)',
    },
    {
      name: '--app against the expression',
      argv: ['get', '{"app": "A0OTHER0001", "datastore": "tasks", "id": "1"}'],
      msg: '--app A0APP00001 does not match the expression\'s app "A0OTHER0001" (invalid_app_flag)',
    },
    { name: 'no datastore', argv: ['get', '42'], msg: 'No datastore was named (datastore_not_found)' },
    {
      name: 'no id',
      argv: ['get', '--datastore', 'tasks'],
      msg: 'Nothing to send: "id" is missing. Try rosi datastore get <id> --datastore <name> (invalid_datastore_expression)',
    },
    { name: 'an id of the wrong type', argv: ['delete', '{"id": 42}', '--datastore', 'tasks'], msg: '"id" must be a string' },
    { name: 'put without an item', argv: ['put', '--datastore', 'tasks'], msg: 'Nothing to send: "item" is missing' },
    {
      name: 'put with --item that is not JSON',
      argv: ['put', '--datastore', 'tasks', '--item', '{id: 1}'],
      msg: '--item is not valid JSON: expected a property name in double quotes at column 2',
    },
    { name: 'put with --item that is an array', argv: ['put', '--datastore', 'tasks', '--item', '[]'], msg: '--item must be a JSON object' },
    {
      name: 'put with --item and an item in the expression',
      argv: ['put', '{"item": {"id": "1"}}', '--datastore', 'tasks', '--item', '{"id":"2"}'],
      msg: '(mismatched_flags)',
    },
    { name: 'update with ids', argv: ['update', '{"ids": ["1"]}', '--datastore', 'tasks'], msg: '"ids" is not used by `rosi datastore update`' },
    { name: 'a bad --output', argv: ['get', '1', '--datastore', 'tasks', '--output', 'yaml'], msg: 'Invalid --output' },
  ])('$name', async ({ argv, msg }) => {
    const r = await runCliInProcess(['datastore', ...argv, ...CI]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });

  it('a JSON mistake shows the text with a caret under it', async () => {
    const r = await runCliInProcess(['datastore', 'get', '{"id" "1"}', '--datastore', 'tasks', ...CI]);
    expect(r.stderr).toContain('  - {"id" "1"}\n  -       ^\n');
  });
});

describe('--help', () => {
  it.each(['get', 'put', 'update', 'delete', 'query', 'count', 'bulk-get', 'bulk-put', 'bulk-delete'])(
    '%s says how it is stricter than the official CLI and shows examples',
    async (verb) => {
      const r = await runCliInProcess(['datastore', verb, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('rosi is stricter: a key the command does not use is an error');
      expect(r.stdout).toContain(`$ rosi datastore ${verb} `);
      expect(r.stdout).toContain('--datastore <name>');
    },
  );

  it('get documents the exit code of a missing item', async () => {
    const r = await runCliInProcess(['datastore', 'get', '--help']);
    expect(r.stdout).toContain('prints "Not found" on stderr and exits 1');
  });
});
