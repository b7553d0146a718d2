import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { rootGroup } from '../index.js';
import { parse } from './completion.run.js';
import { completionScript, shells } from './scripts.js';

describe('rosi completion <shell>', () => {
  it.each(shells)('%s: the script generated from the command tree matches its golden file', async (shell) => {
    await expect(completionScript(shell, rootGroup)).toMatchFileSnapshot(`__snapshots__/rosi.${shell}`);
  });

  it.each(shells)('%s: prints the script on stdout and nothing on stderr', async (shell) => {
    const r = await runCliInProcess(['completion', shell]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(completionScript(shell, rootGroup));
  });

  it.each([
    { name: 'an unknown shell', argv: ['completion', 'tcsh'], message: 'Unknown shell "tcsh"; use bash, zsh or fish' },
    { name: 'a shell in the wrong case', argv: ['completion', 'Bash'], message: 'Unknown shell "Bash"; use bash, zsh or fish' },
    { name: 'no shell', argv: ['completion'], message: "Missing required argument 'shell'" },
  ])('$name → usage error, exit 2, nothing on stdout', async ({ argv, message }) => {
    const r = await runCliInProcess(argv);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain(message);
  });

  it('parse names the valid shells', () => {
    expect(parse({ args: { shell: 'zsh' }, flags: {}, tree: rootGroup })).toEqual({ shell: 'zsh', tree: rootGroup });
    expect(() => parse({ args: { shell: 'powershell' }, flags: {} })).toThrow(/use bash, zsh or fish/);
  });

  it('--help shows how to install each script', async () => {
    const r = await runCliInProcess(['completion', '--help']);
    expect(r.code).toBe(0);
    for (const shell of shells) expect(r.stdout).toContain(`rosi completion ${shell} >`);
  });
});
