import { describe, expect, it } from 'vitest';
import { createColors } from '../io/colors.js';
import { defineCommand, defineGroup, type Node } from '../kit/define-command.js';
import { renderHelp } from './help.js';

const load = () => Promise.reject(new Error('not run in these tests'));
const plain = createColors(false);

const fresh = defineCommand({ name: 'fresh', summary: 'A new thing', status: 'beta', load });
const wild = defineCommand({ name: 'wild', summary: 'A newer thing', status: 'experimental', load });
const old = defineCommand({ name: 'old', summary: 'The old thing', aliases: ['o'], deprecated: 'Use `rosi tool fresh` instead.', load });
const steady = defineCommand({ name: 'steady', summary: 'A settled thing', load });
const tool = defineGroup({ name: 'tool', summary: 'Tools', commands: [steady, fresh, wild, old] });
const root = defineGroup({ name: 'rosi', summary: 'root', commands: [tool] });

const help = (...path: Node[]) => renderHelp([root, ...path], plain);

describe('renderHelp: status and deprecation', () => {
  it('tags experimental, beta and deprecated commands beside their names in a group’s list', () => {
    const list = help(tool).split('AVAILABLE COMMANDS\n')[1]!.split('\n\n')[0];
    expect(list).toBe(
      [
        '  steady                A settled thing',
        '  fresh [beta]          A new thing',
        '  wild [experimental]   A newer thing',
        '  old (o) [deprecated]  The old thing',
      ].join('\n'),
    );
  });

  it('says what to use instead at the top of a deprecated command’s help', () => {
    expect(help(tool, old).split('\n').slice(0, 4)).toEqual(['The old thing', '', 'Deprecated: Use `rosi tool fresh` instead.', '']);
  });

  it('warns that a beta or experimental command may still change', () => {
    expect(help(tool, fresh).split('\n')[2]).toBe('Beta: flags and output may still change.');
    expect(help(tool, wild).split('\n')[2]).toBe('Experimental: flags and output may still change.');
  });

  it('leaves a settled command’s help as it was', () => {
    expect(help(tool, steady).split('\n').slice(0, 3)).toEqual(['A settled thing', '', 'USAGE']);
  });
});
