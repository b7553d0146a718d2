import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runRosi, tempHome } from '../helpers/e2e.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let home: string;
let cleanup: () => void;

beforeAll(() => ({ home, cleanup } = tempHome()));
afterAll(() => cleanup());

const rosi = (argv: string[]) => runRosi(argv, { home });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe('unknown flags exit 2 with a suggestion, at every level', () => {
  it.each([
    { argv: ['--bogus'], text: "✗ Unknown option '--bogus' (unknown_option)\n  Hint: See `rosi --help` for usage.\n" },
    { argv: ['auth', '--bogus'], text: "✗ Unknown option '--bogus' (unknown_option)\n  Hint: See `rosi auth --help` for usage.\n" },
    { argv: ['-V'], text: "✗ Unknown option '-V' (did you mean --version or --verbose?) (unknown_option)\n  Hint: See `rosi --help` for usage.\n" },
    { argv: ['--jsno'], text: "✗ Unknown option '--jsno' (did you mean --json?) (unknown_option)\n  Hint: See `rosi --help` for usage.\n" },
    { argv: ['datastore', '--bogus'], text: "✗ Unknown option '--bogus' (unknown_option)\n  Hint: See `rosi datastore --help` for usage.\n" },
    {
      argv: ['datastore', 'export', 'tasks', '--output=f'],
      text: "✗ Unknown option '--output=f' (did you mean --output-file?) (unknown_option)\n  Hint: See `rosi datastore export --help` for usage.\n",
    },
    {
      argv: ['datastore', 'export', 'tasks', '--output', 'f'],
      text: "✗ Unknown option '--output' (did you mean --output-file?) (unknown_option)\n  Hint: See `rosi datastore export --help` for usage.\n",
    },
  ])('rosi $argv', async ({ argv, text }) => {
    const r = await rosi(argv);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: text });
  });

  it('--json: the error is one JSON line on stderr and stdout stays empty', async () => {
    const r = await rosi(['--json', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'unknown_option', message: "Unknown option '--bogus'", hint: 'See `rosi --help` for usage.' } });
  });

  it('known global flags alone still print the help', async () => {
    const r = await rosi(['--no-color', '-w', 'T0ALPHA001']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('USAGE\n  rosi <command> [flags]');
  });
});

describe('a mistyped sub-command is blamed before the flags meant for it', () => {
  it('rosi datastore qurey --datastore tasks', async () => {
    const r = await rosi(['datastore', 'qurey', '--datastore', 'tasks']);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: "✗ Unknown command 'qurey' (did you mean query?) (unknown_command)\n  Hint: See `rosi datastore --help` for usage.\n",
    });
  });

  it('rosi lgoin', async () => {
    const r = await rosi(['lgoin']);
    expect(r.stderr).toBe("✗ Unknown command 'lgoin' (did you mean login?) (unknown_command)\n  Hint: See `rosi --help` for usage.\n");
  });
});

describe('a stray word is named, under the command the user typed', () => {
  it('rosi activity --since 1 hour', async () => {
    const r = await rosi(['activity', '--since', '1', 'hour']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      "✗ Unexpected argument 'hour': `rosi activity` takes no arguments (excess_arguments)\n  Hint: See `rosi activity --help` for usage.\n",
    );
    expect(r.stderr).not.toContain("'list'");
  });

  it('a word close to a sibling of the default command suggests it', async () => {
    const r = await rosi(['activity', 'trcae']);
    expect(r.stderr).toContain("Unexpected argument 'trcae': `rosi activity` takes no arguments (did you mean trace?)");
  });

  it('a command with an argument says how many it takes', async () => {
    const r = await rosi(['datastore', 'get', '1', '2', '--datastore', 'tasks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unexpected argument '2': `rosi datastore get` takes at most 1 argument");
  });
});

describe('--version wins over other global flags', () => {
  it.each([
    [['--version']],
    [['--version', '--verbose']],
    [['-v', '--no-color', '--version']],
    [['--team', 'T0ALPHA001', '--version']],
    [['auth', '--version']],
  ])('rosi %j', async (argv) => {
    const r = await rosi(argv);
    expect(r).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('with --json it prints JSON', async () => {
    const r = await rosi(['--json', '--version']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({ version: VERSION });
  });
});

describe('rosi help [command…], as in git and gh', () => {
  it.each([
    { argv: ['help'], same: ['--help'] },
    { argv: ['help', 'datastore'], same: ['datastore', '--help'] },
    { argv: ['help', 'datastore', 'query'], same: ['datastore', 'query', '--help'] },
    { argv: ['help', 'log'], same: ['activity', '--help'] },
    { argv: ['help', 'help'], same: ['help', '--help'] },
  ])('rosi $argv = rosi $same', async ({ argv, same }) => {
    const [a, b] = await Promise.all([rosi(argv), rosi(same)]);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('USAGE');
  });

  it('is listed among the commands', async () => {
    expect((await rosi(['--help'])).stdout).toMatch(/\n {2}help +Show help for a command\n/);
  });

  it.each([
    {
      argv: ['help', 'datastore', 'qurey'],
      text: "✗ Unknown command 'qurey' (did you mean query?) (unknown_command)\n  Hint: See `rosi help datastore` for the commands.\n",
    },
    { argv: ['help', 'xyzzy'], text: "✗ Unknown command 'xyzzy' (unknown_command)\n  Hint: See `rosi help` for the commands.\n" },
    { argv: ['help', '--bogus'], text: "✗ Unknown option '--bogus' (unknown_option)\n  Hint: See `rosi help --help` for usage.\n" },
    { argv: ['help', 'auth', 'list', 'more'], text: "✗ `rosi auth list` has no sub-command 'more' (unknown_command)\n  Hint: See `rosi help auth list`.\n" },
  ])('rosi $argv → exit 2', async ({ argv, text }) => {
    const r = await rosi(argv);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: text });
    noStack(r.stderr);
  });
});
