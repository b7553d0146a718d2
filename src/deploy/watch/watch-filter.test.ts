import { describe, expect, it } from 'vitest';
import { createIgnoreRules } from '../bundle/ignore.js';
import { createWatchFilter } from './watch-filter.js';

describe('createWatchFilter', () => {
  const filter = createWatchFilter(createIgnoreRules(['assets/drafts/', '!*.swp', '!dist/'].join('\n')));

  it.each([
    // what a deploy packages or builds from
    { path: 'functions/greet.ts', dir: false, want: true },
    { path: 'manifest.ts', dir: false, want: true },
    { path: 'manifest.json', dir: false, want: true },
    { path: 'assets/icon.png', dir: false, want: true },
    { path: 'assets', dir: true, want: true },
    { path: '.slackignore', dir: false, want: true },
    // what a deploy never packages
    { path: '.git', dir: true, want: false },
    { path: '.git/index', dir: false, want: false },
    { path: 'node_modules', dir: true, want: false },
    { path: 'functions/node_modules/x/index.js', dir: false, want: false },
    { path: '.slack', dir: true, want: false },
    { path: '.slack/apps.json', dir: false, want: false },
    { path: '.env', dir: false, want: false },
    // .slackignore
    { path: 'assets/drafts', dir: true, want: false },
    { path: 'assets/drafts/a.png', dir: false, want: false },
    // watch-only, whatever .slackignore brings back
    { path: 'dist', dir: true, want: false },
    { path: 'dist/functions/greet.js', dir: false, want: false },
    { path: 'functions/.greet.ts.swp', dir: false, want: false },
    { path: 'functions/.greet.ts.swx', dir: false, want: false },
    { path: 'functions/4913', dir: false, want: false },
    { path: 'functions/greet.ts~', dir: false, want: false },
    { path: 'functions/.#greet.ts', dir: false, want: false },
    { path: 'functions/#greet.ts#', dir: false, want: false },
    { path: '.DS_Store', dir: false, want: false },
    // the root itself is never a change
    { path: '', dir: true, want: false },
  ])('$path (folder: $dir) → $want', ({ path, dir, want }) => {
    expect(filter.watches(path, dir)).toBe(want);
  });
});
