import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rootGroup } from '../../src/commands/index.js';
import { completionScript } from '../../src/commands/completion/scripts.js';
import { defineCommand, defineGroup } from '../../src/kit/define-command.js';
import { credential } from '../helpers/credentials.js';
import { baseEnv, runRosi, tempHome } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { complete, scriptFile, writeRosiShim, type Offered, type ShellName, type ShellRun } from '../helpers/shell-completion.js';

const allShells: ShellName[] = ['bash', 'zsh', 'fish'];

/**
 * A describe per shell that runs the scripts in that shell: skipped, saying so, where the
 * shell is not installed (zsh and fish are often missing where only Node and npm are).
 */
const describeInShells = (name: string, body: (shell: ShellName) => void) => {
  for (const shell of allShells) describeWith([shell], name.replace('%s', shell), () => body(shell));
};

let home: string;
let cleanup: () => void;
let run: ShellRun;
let callLog: string;
let otherConfig: string;

const logins = {
  T0BETA0001: credential({ team_id: 'T0BETA0001', team_domain: 'beta' }),
  T0ALPHA001: credential({ team_id: 'T0ALPHA001', team_domain: 'alpha' }),
};

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const project = join(home, 'project');
  const scripts = join(home, 'scripts');
  const bin = join(home, 'bin');
  callLog = join(home, 'rosi-calls.log');
  mkdirSync(join(home, '.slack'), { recursive: true });
  writeFileSync(join(home, '.slack', 'credentials.json'), JSON.stringify(logins, null, 2));
  otherConfig = join(home, 'other-config');
  mkdirSync(otherConfig);
  writeFileSync(join(otherConfig, 'credentials.json'), JSON.stringify({ T0OTHER001: credential({ team_id: 'T0OTHER001', team_domain: 'other' }) }));
  mkdirSync(join(project, '.slack'), { recursive: true });
  mkdirSync(join(project, 'data'));
  writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
  writeFileSync(
    join(project, 'manifest.json'),
    JSON.stringify({
      datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, priority: { type: 'integer' } } }, notes: { primary_key: 'id' } },
    }),
  );
  writeFileSync(
    join(project, '.slack', 'apps.json'),
    JSON.stringify({ apps: { T0ALPHA001: { app_id: 'A0DEPLOY01', team_domain: 'alpha', team_id: 'T0ALPHA001' } }, default: 'alpha' }),
  );
  writeFileSync(
    join(project, '.slack', 'apps.dev.json'),
    JSON.stringify({ T0ALPHA001: { app_id: 'A0LOCAL001', IsDev: true, team_domain: 'alpha', team_id: 'T0ALPHA001' } }),
  );
  mkdirSync(scripts);
  writeRosiShim(bin, callLog);
  // The scripts come from the built CLI, as a user would install them. Printing one needs no
  // shell, so every script is checked against the source tree, installed shells or not.
  for (const shell of allShells) {
    const r = await runRosi(['completion', shell], { home });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    writeFileSync(join(scripts, scriptFile[shell]), r.stdout);
  }
  run = { scripts, cwd: project, env: baseEnv(home, { PATH: `${bin}:${process.env.PATH}` }) };
});

afterAll(() => cleanup());
beforeEach(() => rmSync(callLog, { force: true }));

const values = (offered: Offered[]) => offered.map((o) => o.value.replace(/\/$/, '')).sort();
const rosiCalls = () => {
  try {
    return readFileSync(callLog, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

describe('the built CLI prints the scripts generated from the source tree', () => {
  it.each(allShells)('%s', async (shell) => {
    expect(readFileSync(join(run.scripts, scriptFile[shell]), 'utf8')).toBe(completionScript(shell, rootGroup));
  });
});

describeInShells('%s completes from the static script', (shell) => {
  it.each([
    // Every visible top-level command, as the tree defines them today.
    {
      line: 'rosi ',
      want: rootGroup.commands
        .filter((c) => !c.hidden)
        .flatMap((c) => [c.name, ...(c.aliases ?? [])])
        .sort(),
    },
    { line: 'rosi auth ', want: ['list', 'login', 'logout', 'ls', 'revoke', 'status', 'token'] },
    { line: 'rosi auth l', want: ['list', 'login', 'logout', 'ls'] },
    { line: 'rosi auth status --re', want: ['--require-valid-for'] },
    { line: 'rosi --json auth ls --no-', want: ['--no-color', '--no-prompt'] },
    { line: 'rosi completion ', want: ['bash', 'fish', 'zsh'] },
    { line: 'rosi completion z', want: ['zsh'] },
    { name: 'a value-taking flag’s value is not read as a command', line: 'rosi --token secret auth s', want: ['status'] },
    { name: 'a flag with a value but no source offers nothing, not file names', line: 'rosi auth status --require-valid-for ', want: [] },
    { name: 'nothing after an unknown command', line: 'rosi nope ', want: [] },
  ])('$line → $want', async ({ line, want }) => {
    expect(values(await complete(shell, line, run))).toEqual(want);
    expect(rosiCalls()).toEqual([]);
  });

  it('the shell’s own file names for a files flag (dot files as the shell decides)', async () => {
    const offered = values(await complete(shell, 'rosi emulator --data-dir ', run));
    expect(offered.filter((f) => !f.startsWith('.'))).toEqual(['data', 'manifest.json']);
    expect(values(await complete(shell, 'rosi --config-dir da', run))).toEqual(['data']);
  });

  it('global flags at every level, own flags at their command, --version at the root only', async () => {
    const root = values(await complete(shell, 'rosi --', run));
    const status = values(await complete(shell, 'rosi auth status --', run));
    for (const f of ['--team', '--app', '--json', '--config-dir', '--help', '--no-color']) {
      expect(root).toContain(f);
      expect(status).toContain(f);
    }
    expect(root).toContain('--version');
    expect(status).not.toContain('--version');
    expect(status).toContain('--require-valid-for');
    expect(root).not.toContain('--require-valid-for');
    expect(status).not.toContain('--ticket');
    expect(rosiCalls()).toEqual([]);
  });

  it('short flags', async () => {
    const offered = values(await complete(shell, 'rosi auth logout -', run));
    for (const f of ['-A', '--all', '-w', '-a', '-v', '-f', '-h']) expect(offered).toContain(f);
  });

  it('hides the __complete command', async () => {
    expect(values(await complete(shell, 'rosi _', run))).toEqual([]);
  });

  if (shell !== 'bash') {
    it('shows descriptions of commands and flags', async () => {
      expect(await complete(shell, 'rosi auth status --re', run)).toEqual([
        { value: '--require-valid-for', description: 'exit 4 unless the token stays valid this long (e.g. 30m, 2h)' },
      ]);
      expect((await complete(shell, 'rosi auth ', run)).find((o) => o.value === 'ls')).toEqual({ value: 'ls', description: 'List stored logins' });
    });
  }
});

describeInShells('%s asks `rosi __complete` for teams, apps and datastores', (shell) => {
  const bare = (o: Offered[]) => values(o).map((v) => v.replace(/^--?[a-z-]*=/, ''));

  it.each([
    { line: 'rosi --team ', want: ['T0ALPHA001', 'T0BETA0001', 'alpha', 'beta'] },
    { line: 'rosi auth logout -w ', want: ['T0ALPHA001', 'T0BETA0001', 'alpha', 'beta'] },
    { line: 'rosi auth status --team b', want: ['beta'] },
    { line: 'rosi --team=', want: ['T0ALPHA001', 'T0BETA0001', 'alpha', 'beta'] },
    { line: 'rosi --team=T0A', want: ['T0ALPHA001'] },
    { line: `rosi --config-dir ${'{OTHER}'} auth status --team `, want: ['T0OTHER001', 'other'] },
    { line: 'rosi --app ', want: ['A0DEPLOY01', 'A0LOCAL001'] },
    { line: 'rosi auth list -a A0L', want: ['A0LOCAL001'] },
    { line: 'rosi datastore get 1 --datastore ', want: ['notes', 'tasks'] },
    { line: 'rosi datastore export ', want: ['notes', 'tasks'] },
    { line: 'rosi datastore count --where p', want: ['priority'] },
  ])('$line → $want', async ({ line, want }) => {
    const offered = await complete(shell, line.replace('{OTHER}', otherConfig), run);
    expect(bare(offered)).toEqual(want);
    expect(rosiCalls().every((c) => c.startsWith('__complete '))).toBe(true);
    expect(rosiCalls().length).toBeGreaterThan(0);
  });

  it('SLACK_CONFIG_DIR reaches rosi __complete', async () => {
    const offered = await complete(shell, 'rosi --team ', { ...run, env: { ...run.env, SLACK_CONFIG_DIR: otherConfig } });
    expect(bare(offered)).toEqual(['T0OTHER001', 'other']);
  });

  it('outside a project there are no apps: nothing is offered, not even file names', async () => {
    expect(await complete(shell, 'rosi --app ', { ...run, cwd: home })).toEqual([]);
  });

  it('with no logins there are no teams: nothing is offered, not even file names', async () => {
    const empty = join(home, 'empty-config');
    mkdirSync(empty, { recursive: true });
    expect(await complete(shell, `rosi --config-dir ${empty} --team `, run)).toEqual([]);
  });

  it('without rosi on PATH nothing is offered and nothing is printed', async () => {
    const offered = await complete(shell, 'rosi --team ', { ...run, env: { ...run.env, PATH: '/usr/bin:/bin' } });
    expect(offered).toEqual([]);
  });

  if (shell !== 'bash') {
    it('shows the domain beside a team ID, and the team beside an app', async () => {
      const teams = await complete(shell, 'rosi --team T0A', run);
      expect(teams.map((o) => ({ ...o, value: o.value.replace(/^--team=/, '') }))).toEqual([{ value: 'T0ALPHA001', description: 'alpha' }]);
      expect(await complete(shell, 'rosi --app A0D', run)).toEqual([{ value: 'A0DEPLOY01', description: 'alpha (T0ALPHA001), deployed' }]);
    });
  }
});

describeWith(['zsh'], 'zsh, loaded with source instead of from $fpath', () => {
  it('completes commands and teams', async () => {
    const sourced = { ...run, zshMode: 'source' as const };
    expect(values(await complete('zsh', 'rosi auth st', sourced))).toEqual(['status']);
    expect(values(await complete('zsh', 'rosi --team a', sourced))).toEqual(['alpha']);
  });
});

describeInShells('%s: text with quotes, brackets and dollars survives the script', (shell) => {
  const summary = `it's [odd]: a \\ b, $HOME, \`x\` and "q"`;
  const description = `pick one: it's [a] or $PATH`;
  const load = () => Promise.reject(new Error('never run'));
  const tricky = defineGroup({
    name: 'rosi',
    summary: 'root',
    commands: [
      defineCommand({
        name: 'odd',
        summary,
        flags: [{ name: 'level', value: '<level>', description, complete: { values: ['debug', 'info', 'warn-only', 'v1.2'] } }],
        load,
      }),
    ],
  });
  let trickyRun: ShellRun;

  beforeAll(() => {
    const scripts = join(home, `tricky-${shell}`);
    mkdirSync(scripts, { recursive: true });
    writeFileSync(join(scripts, scriptFile[shell]), completionScript(shell, tricky));
    trickyRun = { ...run, scripts };
  });

  it('completes the command, its flag and the flag’s values', async () => {
    const commands = await complete(shell, 'rosi o', trickyRun);
    const flags = await complete(shell, 'rosi odd --le', trickyRun);
    if (shell === 'bash') {
      expect(commands).toEqual([{ value: 'odd' }]);
      expect(flags).toEqual([{ value: '--level' }]);
    } else {
      expect(commands).toEqual([{ value: 'odd', description: summary }]);
      expect(flags).toEqual([{ value: '--level', description }]);
    }
    expect(values(await complete(shell, 'rosi odd --level ', trickyRun))).toEqual(['debug', 'info', 'v1.2', 'warn-only']);
  });
});

describeInShells('%s completes trigger IDs and definition files', (shell) => {
  let trig: ShellRun;

  beforeAll(() => {
    const project = join(home, 'trigger-project');
    mkdirSync(join(project, '.slack'), { recursive: true });
    mkdirSync(join(project, 'triggers'), { recursive: true });
    writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
    writeFileSync(join(project, '.slack', 'apps.json'), JSON.stringify({ apps: { T0ALPHA001: { app_id: 'A0DEPLOY01', team_id: 'T0ALPHA001' } } }));
    writeFileSync(join(project, '.slack', 'apps.dev.json'), JSON.stringify({ T0ALPHA001: { app_id: 'A0LOCAL001', team_id: 'T0ALPHA001', IsDev: true } }));
    writeFileSync(join(project, 'triggers', 'greet.json'), '{}');
    writeFileSync(join(project, 'triggers', 'nightly.ts'), 'export default {};');
    writeFileSync(join(project, 'notes.txt'), '');
    // What `rosi trigger list` notes for each app (XDG_DATA_HOME is under HOME in the tests' environment).
    const data = join(home, '.local', 'share', 'rosi');
    mkdirSync(data, { recursive: true });
    const noted = (triggers: unknown[]) => ({ updated_at: '2026-01-01T00:00:00.000Z', triggers });
    writeFileSync(
      join(data, 'known-triggers.json'),
      JSON.stringify({
        A0DEPLOY01: noted([{ id: 'Ft0DEPLOY1', name: 'Deployed one', type: 'webhook' }]),
        A0LOCAL001: noted([{ id: 'Ft0LOCAL01', name: 'Local one', type: 'shortcut' }]),
      }),
    );
    trig = { ...run, cwd: project };
  });

  it.each([
    { line: 'rosi trigger info --trigger-id ', want: ['Ft0DEPLOY1', 'Ft0LOCAL01'] },
    { line: 'rosi trigger delete --trigger-id Ft0D', want: ['Ft0DEPLOY1'] },
    // --app before the sub-command: zsh completes nothing after a global flag that follows one.
    { line: 'rosi --app A0LOCAL001 trigger update --trigger-id ', want: ['Ft0LOCAL01'] },
    { line: 'rosi --app=A0DEPLOY01 trigger access --trigger-id=', want: ['Ft0DEPLOY1'] },
    { line: 'rosi trigger create --trigger-def ', want: ['triggers/greet.json', 'triggers/nightly.ts'] },
    { line: 'rosi trigger update --trigger-def triggers/n', want: ['triggers/nightly.ts'] },
  ])('$line → $want', async ({ line, want }) => {
    const offered = await complete(shell, line, trig);
    expect(values(offered).map((v) => v.replace(/^--?[a-z-]*=/, ''))).toEqual(want);
    expect(rosiCalls().every((c) => c.startsWith('__complete '))).toBe(true);
  });

  if (shell !== 'zsh') {
    it('--app after the sub-command, as usually typed, picks the app', async () => {
      expect(values(await complete(shell, 'rosi trigger update --app A0LOCAL001 --trigger-id ', trig))).toEqual(['Ft0LOCAL01']);
      expect(values(await complete(shell, 'rosi trigger info -a A0DEPLOY01 --trigger-id F', trig))).toEqual(['Ft0DEPLOY1']);
    });
  }

  it('--trigger-def where rosi finds no definition file: the shell’s file names', async () => {
    expect(values(await complete(shell, 'rosi trigger create --trigger-def no', trig))).toEqual(['notes.txt']);
  });

  it('--trigger-id outside a project, without --app: nothing, and nothing printed', async () => {
    expect(await complete(shell, 'rosi trigger info --trigger-id ', { ...trig, cwd: home })).toEqual([]);
  });

  if (shell !== 'bash') {
    it('shows a trigger’s name beside its ID', async () => {
      const offered = await complete(shell, 'rosi -a A0DEPLOY01 trigger info --trigger-id F', trig);
      expect(offered).toEqual([{ value: 'Ft0DEPLOY1', description: 'Deployed one' }]);
    });
  }
});
