import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../errors/cli-error.js';
import { checkOutput } from './safety.js';

let base: string | undefined;
afterEach(() => base && rmSync(base, { recursive: true, force: true }));

/** A project folder and a separate output folder, as a deploy has them. */
function setup(project: Record<string, string>, output: Record<string, string>) {
  base = mkdtempSync(join(tmpdir(), 'rosi-safety-'));
  const root = join(base, 'project');
  const out = join(base, 'out');
  mkdirSync(root);
  mkdirSync(out);
  for (const [dir, files] of [
    [root, project],
    [out, output],
  ] as const) {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  }
  return { root, out };
}

describe('checkOutput', () => {
  it('a clean output passes and is counted; links to files inside the project or the output are allowed', async () => {
    const { root, out } = setup({ 'assets/logo.png': 'png' }, { 'manifest.json': '{}', 'functions/a.js': 'x' });
    symlinkSync(join(root, 'assets/logo.png'), join(out, 'logo.png'));
    symlinkSync('functions/a.js', join(out, 'alias.js'));
    expect(await checkOutput(out, root)).toEqual({ files: 4 });
  });

  it.each([
    { name: '.env', file: '.env', why: 'it is an environment file, which may hold secrets' },
    { name: '.env.production deep inside', file: 'functions/.env.production', why: 'it is an environment file, which may hold secrets' },
    { name: 'a file in a .env folder', file: '.env/secrets', why: 'it is an environment file, which may hold secrets' },
    { name: '.envrc (direnv)', file: '.envrc', why: 'it is an environment file, which may hold secrets' },
    { name: '.env-local', file: 'functions/.env-local', why: 'it is an environment file, which may hold secrets' },
    { name: '.ENV in capitals', file: '.ENV', why: 'it is an environment file, which may hold secrets' },
    { name: '.Env.Production in mixed case', file: 'config/.Env.Production', why: 'it is an environment file, which may hold secrets' },
  ])('$name → unsafe_bundle_file', async ({ file, why }) => {
    const { root, out } = setup({}, { 'manifest.json': '{}', [file]: 'SECRET=1' });
    await expect(checkOutput(out, root)).rejects.toMatchObject({ code: 'unsafe_bundle_file', exitCode: 1, message: `Refusing to deploy ${file}: ${why}` });
  });

  it.each([
    {
      name: 'a link to /etc/passwd',
      link: 'passwd',
      target: () => '/etc/passwd',
      why: /^it is a symbolic link to (\/private)?\/etc\/passwd, outside the project$/,
    },
    {
      name: 'a relative link that climbs out',
      link: 'up.txt',
      target: () => '../../../../../../../../../../etc/passwd',
      why: /^it is a symbolic link to (\/private)?\/etc\/passwd, outside the project$/,
    },
    { name: "a link to the project's .env", link: 'config', target: (root: string) => join(root, '.env'), why: /an environment file$/ },
    {
      name: "a link into the project's .git",
      link: 'gitconfig',
      target: (root: string) => join(root, '.git/config'),
      why: /into the project's \.git\/ folder$/,
    },
    {
      name: 'a link to a folder inside',
      link: 'assets',
      target: (root: string) => join(root, 'assets'),
      why: /link to a folder; only links to files are packaged$/,
    },
    { name: 'a broken link', link: 'gone', target: (root: string) => join(root, 'nope'), why: /cannot be followed \(no such file\)$/ },
  ])('$name → unsafe_bundle_file', async ({ link, target, why }) => {
    const { root, out } = setup({ '.env': 'SECRET=1', '.git/config': '[remote]', 'assets/a.png': 'a' }, { 'manifest.json': '{}' });
    symlinkSync(target(root), join(out, link));
    const error = (await checkOutput(out, root).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('unsafe_bundle_file');
    expect(error.message.startsWith(`Refusing to deploy ${link}: `)).toBe(true);
    expect(error.message.slice(`Refusing to deploy ${link}: `.length)).toMatch(why);
  });

  it('a FIFO is refused', async () => {
    const { root, out } = setup({}, {});
    execFileSync('mkfifo', [join(out, 'pipe')]);
    await expect(checkOutput(out, root)).rejects.toMatchObject({ message: 'Refusing to deploy pipe: it is not a regular file (a socket, FIFO or device)' });
  });

  it('every problem is listed in details', async () => {
    const { root, out } = setup({}, { '.env': '', 'b/.env.local': '' });
    symlinkSync('/etc/passwd', join(out, 'c'));
    const error = (await checkOutput(out, root).catch((e: unknown) => e)) as { details: string[] };
    expect(error.details.map((d) => d.split(':')[0])).toEqual(['.env', 'b/.env.local', 'c']);
  });

  it('an aborted check → CancelledError', async () => {
    const { root, out } = setup({}, { 'a.txt': '' });
    await expect(checkOutput(out, root, AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError);
  });
});
