import { describe, expect, it } from 'vitest';
import { defineCommand, defineGroup } from '../../kit/define-command.js';
import { rootGroup } from '../index.js';
import { flagsAt, pathKey, walkTree } from './tree-walk.js';

const load = () => Promise.reject(new Error('not run in these tests'));

const tree = defineGroup({
  name: 'rosi',
  summary: 'root',
  commands: [
    defineGroup({
      name: 'datastore',
      aliases: ['ds'],
      summary: 'Datastores',
      commands: [
        defineCommand({
          name: 'get',
          summary: 'Get an item',
          args: [{ name: 'id', description: 'item ID' }],
          flags: [
            { name: 'datastore', value: '<name>', description: 'datastore name', complete: { values: ['tasks', 'users'] } },
            { name: 'secret-mode', value: '<x>', description: 'internal', hidden: true },
            { name: 'field', short: 'F', value: '<f>', description: 'repeatable', multiple: true },
            { name: 'pretty', description: 'pretty', negatable: true },
          ],
          load,
        }),
        defineCommand({ name: 'internal', summary: 'hidden', hidden: true, load }),
        defineCommand({ name: 'old-get', summary: 'Get, the old way', deprecated: 'Use `rosi datastore get` instead.', load }),
        defineCommand({ name: 'scan', summary: 'Scan', status: 'beta', load }),
      ],
    }),
    defineCommand({
      name: 'upload',
      summary: 'Upload',
      args: [{ name: 'files', description: 'files', optional: true, variadic: true, complete: 'files' }],
      load,
    }),
    defineCommand({ name: '__complete', summary: 'hidden', hidden: true, passThrough: true, load }),
  ],
});

describe('walkTree', () => {
  const t = walkTree(tree);

  it('lists visible nodes, parents first, by canonical path', () => {
    expect(t.nodes.map((n) => [pathKey(n.path), n.kind])).toEqual([
      ['', 'group'],
      ['datastore', 'group'],
      ['datastore get', 'command'],
      ['datastore scan', 'command'],
      ['upload', 'command'],
    ]);
  });

  it('keeps aliases on the child entry and leaves hidden and deprecated commands out', () => {
    expect(t.nodes[0]?.children).toEqual([
      { name: 'datastore', aliases: ['ds'], summary: 'Datastores' },
      { name: 'upload', aliases: [], summary: 'Upload' },
    ]);
    expect(t.nodes[1]?.children.map((c) => c.name)).toEqual(['get', 'scan']);
  });

  it('turns flag definitions into the words a shell sees', () => {
    const get = t.nodes[2];
    expect(get?.flags).toEqual([
      {
        long: '--datastore',
        takesValue: true,
        valueName: 'name',
        description: 'datastore name',
        hidden: false,
        multiple: false,
        source: { values: ['tasks', 'users'] },
      },
      { long: '--secret-mode', takesValue: true, valueName: 'x', description: 'internal', hidden: true, multiple: false },
      { long: '--field', short: '-F', takesValue: true, valueName: 'f', description: 'repeatable', hidden: false, multiple: true },
      { long: '--no-pretty', takesValue: false, description: 'pretty', hidden: false, multiple: false },
    ]);
    expect(get?.args).toEqual([{ name: 'id', description: 'item ID', optional: false, variadic: false }]);
  });

  it('adds --version at the root only, and --help to the global flags', () => {
    expect(t.nodes[0]?.flags.map((f) => f.long)).toEqual(['--version']);
    expect(t.nodes[4]?.flags).toEqual([]);
    expect(t.globals.map((f) => f.long)).toContain('--team');
    expect(t.globals.at(-1)).toMatchObject({ long: '--help', short: '-h' });
    expect(flagsAt(t, t.nodes[4]!).map((f) => f.long)).toEqual(t.globals.map((f) => f.long));
  });

  it('the real tree offers no hidden command', () => {
    const real = walkTree(rootGroup);
    expect(real.nodes.flatMap((n) => n.children.map((c) => c.name))).not.toContain('__complete');
    expect(real.nodes.find((n) => pathKey(n.path) === 'completion')?.args[0]?.source).toEqual({ values: ['bash', 'zsh', 'fish'] });
  });
});
