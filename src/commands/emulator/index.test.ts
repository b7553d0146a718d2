import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/commander-tree.js';
import { commandWords, renderHelp } from '../../cli/help.js';
import { createColors } from '../../io/colors.js';
import type { CommandDef, RawInput } from '../../kit/define-command.js';
import { rootGroup } from '../index.js';
import { emulatorGroup } from './index.js';

const host = { stdout: { write: () => true }, stderr: { write: () => true }, version: '0.0.0-test', env: {}, isStdoutTTY: false };

/** Which command argv runs and the flags it gets, without running it. */
async function parsed(argv: string[]): Promise<{ command: string; flags: Record<string, unknown> }> {
  let got: { def: CommandDef; raw: RawInput } | undefined;
  // The words argv names, as the runner builds the tree: only those nodes (and defaults) in full.
  const program = buildProgram(rootGroup, host, commandWords(argv), async (def, raw) => {
    got = { def, raw };
  });
  await program.parseAsync(argv, { from: 'user' });
  if (!got) throw new Error(`nothing ran for ${argv.join(' ')}`);
  const own = Object.fromEntries(Object.entries(got.raw.flags).filter(([, v]) => v !== undefined));
  return { command: got.def.name, flags: own };
}

describe('rosi emulator, a group whose default is start', () => {
  it.each([
    { argv: ['emulator'], flags: {} },
    { argv: ['emulator', '--port', '0', '--in-memory', '--control'], flags: { port: '0', inMemory: true, control: true } },
    {
      argv: ['emulator', '--port', '0', '--in-memory', '--control', '--token-ttl', '30s'],
      flags: { port: '0', inMemory: true, control: true, tokenTtl: '30s' },
    },
    { argv: ['emulator', '--faults', 'datastore:429@20%,drop@10%'], flags: { faults: 'datastore:429@20%,drop@10%' } },
    { argv: ['emulator', '--no-schedules', '--json'], flags: { schedules: false, json: true } },
    { argv: ['emulator', '--data-dir', 'messages', '--port', '5999'], flags: { dataDir: 'messages', port: '5999' } },
    { argv: ['emulator', 'start', '--port', '0', '--in-memory'], flags: { port: '0', inMemory: true } },
    { argv: ['--verbose', 'emulator', '--port', '0'], flags: { port: '0', verbose: true } },
  ])('rosi $argv starts it with its flags', async ({ argv, flags }) => {
    const r = await parsed(argv);
    expect(r.command).toBe('start');
    expect(r.flags).toMatchObject(flags);
  });

  it('rosi emulator messages runs the messages verb, with the global --app and --json', async () => {
    const r = await parsed(['emulator', 'messages', '--channel', '#general', '--channel', 'C0RANDOM', '--limit', '5', '--app', 'A012', '--json']);
    expect(r).toEqual({ command: 'messages', flags: expect.objectContaining({ channel: ['#general', 'C0RANDOM'], limit: '5', app: 'A012', json: true }) });
  });

  it('a start flag after messages is refused, naming the verb', async () => {
    await expect(parsed(['emulator', 'messages', '--port', '0'])).rejects.toMatchObject({ code: 'commander.unknownOption' });
  });

  it('help lists the verbs, marks start the default and shows its flags and examples', () => {
    const help = renderHelp([rootGroup, emulatorGroup], createColors(false));
    expect(help).toContain('rosi emulator [flags]');
    expect(help).toMatch(/start\s+Run the Slack platform API on this machine \(the default\)/);
    expect(help).toMatch(/messages\s+Print what workflows posted/);
    expect(help).toContain('--port <port>');
    expect(help).toContain('$ rosi emulator --port 0 --ephemeral --control --token-ttl 30s');
  });
});
