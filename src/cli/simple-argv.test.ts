import { describe, expect, it } from 'vitest';
import { rootGroup } from '../commands/index.js';
import type { CommandDef, FlagDef, GroupDef, Node, RawInput } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';
import { buildProgram } from './commander-tree.js';
import { commandWords } from './help.js';
import { simpleInvocation } from './simple-argv.js';

const host = { stdout: { write: () => true }, stderr: { write: () => true }, version: '0.0.0-test', env: {}, isStdoutTTY: false };

/** What commander runs for argv, as the runner builds its tree; undefined when it refuses argv. */
async function commanderReads(argv: string[]): Promise<{ def: CommandDef; raw: RawInput } | undefined> {
  let got: { def: CommandDef; raw: RawInput } | undefined;
  const program = buildProgram(rootGroup, host, commandWords(argv), async (def, raw) => {
    got = { def, raw };
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return undefined;
  }
  return got;
}

function commands(group: GroupDef, path: string[] = []): [string[], CommandDef][] {
  return group.commands.flatMap((n: Node) => (n.kind === 'group' ? commands(n, [...path, n.name]) : [[[...path, n.name], n] as [string[], CommandDef]]));
}

/** Ways to spell a flag on a command line, each as commander takes it. */
function spellings(f: FlagDef): string[][] {
  const long = f.negatable ? `--no-${f.name}` : `--${f.name}`;
  if (!f.value) return [[long], ...(f.short ? [[`-${f.short}`]] : [])];
  return [
    [long, 'v1'],
    [`${long}=v=2`],
    ...(f.short ? [[`-${f.short}`, 'v3']] : []),
    ...(f.multiple ? [[long, 'a', long, 'b']] : [[long, 'first', long, 'last']]),
  ];
}

const GLOBAL_LINES = [[], ...globalFlags.flatMap(spellings), ['--json', '--no-color', '--team', 'T1', '--config-dir=/c', '-v', '--no-prompt']];
const DECLINED = [['--bogus'], ['extra'], ['--'], ['-vw', 'T1'], ['--team'], ['--team', '--json'], ['--json=1'], ['--help'], ['-h'], ['--version']];

describe('simpleInvocation reads a command line exactly as commander does, or leaves it to commander', () => {
  const cases = commands(rootGroup).flatMap(([words, def]) =>
    [...GLOBAL_LINES, ...(def.flags ?? []).flatMap(spellings), ...DECLINED].map((rest) => ({ argv: [...words, ...rest] })),
  );

  it('reads a third of them or more itself, so the comparison below is not vacuous', () => {
    const read = cases.filter(({ argv }) => simpleInvocation(rootGroup, argv)).length;
    expect(read).toBeGreaterThan(cases.length / 3);
  });

  it.each(cases)('$argv', async ({ argv }) => {
    const simple = simpleInvocation(rootGroup, argv);
    if (!simple) return;
    const commander = await commanderReads(argv);
    expect(commander).toBeDefined();
    expect(simple.def).toBe(commander?.def);
    expect(simple.raw).toEqual(commander?.raw);
  });

  it.each([
    { argv: ['auth', 'list'] },
    { argv: ['auth', 'list', '--json'] },
    { argv: ['auth', 'list', '--team', 'T1', '--no-color'] },
    { argv: ['auth', 'status', '--config-dir=/c'] },
  ])('reads the quick commands itself: $argv', ({ argv }) => {
    expect(simpleInvocation(rootGroup, argv)).toBeDefined();
  });

  it.each(DECLINED.map((rest) => ({ argv: ['auth', 'list', ...rest] })))('leaves $argv to commander', ({ argv }) => {
    expect(simpleInvocation(rootGroup, argv)).toBeUndefined();
  });
});
