import { describe, expect, it } from 'vitest';
import { isCliError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parse } from './exec.run.js';

const raw = (flags: Record<string, unknown>, command: string[] | undefined, afterDashDash?: string[]): RawInput => ({
  args: { command },
  flags,
  ...(afterDashDash === undefined ? {} : { afterDashDash }),
});

function usageError(r: RawInput): { code: string; message: string; hint: string | undefined; exitCode: number } {
  try {
    parse(r);
  } catch (e) {
    if (isCliError(e)) return { code: e.code, message: e.message, hint: e.hint, exitCode: e.exitCode };
    throw e;
  }
  throw new Error('parse accepted it');
}

describe('rosi emulator exec options', () => {
  it('takes the words after -- verbatim as the command, flags of its own included', () => {
    const o = parse(raw({ deploy: true }, ['node', '-e', 'x'], ['node', '-e', 'x', '--json']));
    expect(o.command).toEqual(['node', '-e', 'x', '--json']);
    expect(o.deploy).toBe(true);
  });

  it('keeps --port unset (the run picks 0) and reads the emulator flags as start does', () => {
    const o = parse(raw({ teamDomain: 'ci', functionTimeout: '5s' }, ['true'], ['true']));
    expect(o).toMatchObject({ teamDomain: 'ci', functionTimeout: 5000 });
    expect(o.port).toBeUndefined();
  });

  it.each([
    { name: 'no command at all', input: raw({}, undefined), code: 'missing_command' },
    { name: 'nothing after --', input: raw({}, undefined, []), code: 'missing_command' },
    { name: 'an empty program name', input: raw({}, [''], ['']), code: 'missing_command' },
    { name: 'a command without --', input: raw({}, ['npm', 'test']), code: 'missing_dash_dash' },
    { name: '--json', input: raw({ json: true }, ['true'], ['true']), code: 'invalid_flags' },
  ])('$name is a usage error (exit 2) that says how to write it', ({ input, code }) => {
    const e = usageError(input);
    expect(e).toMatchObject({ code, exitCode: 2 });
    expect(`${e.message} ${e.hint ?? ''}`).toMatch(/--/);
  });
});
