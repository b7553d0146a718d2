import { describe, expect, it } from 'vitest';
import { mapSpecifier, stripJsonComments } from './esbuild-support.js';

describe('stripJsonComments', () => {
  it.each([
    { name: 'line and block comments', text: '{\n  // c\n  "a": 1 /* b */\n}', want: { a: 1 } },
    { name: 'trailing commas, also before a comment', text: '{ "a": [1, 2,], "b": 2, // last\n}', want: { a: [1, 2], b: 2 } },
    {
      name: 'comment and comma look-alikes inside strings stay',
      text: '{ "url": "https://x/*y*/", "s": ",}", "q": "a\\"//b" }',
      want: { url: 'https://x/*y*/', s: ',}', q: 'a"//b' },
    },
  ])('$name', ({ text, want }) => {
    expect(JSON.parse(stripJsonComments(text))).toEqual(want);
  });
});

describe('mapSpecifier', () => {
  const map = {
    base: '/p',
    imports: {
      'deno-slack-sdk/': 'https://deno.land/x/sdk@2/',
      'deno-slack-sdk/types.ts': 'https://other/types.ts',
      '@lib/': './lib/',
      lodash: 'npm:lodash@4',
      std: 'jsr:@std/x',
    },
  };

  it.each([
    { spec: 'deno-slack-sdk/mod.ts', want: 'https://deno.land/x/sdk@2/mod.ts' },
    { spec: 'deno-slack-sdk/types.ts', want: 'https://other/types.ts' },
    { spec: '@lib/a/b.ts', want: '/p/lib/a/b.ts' },
    { spec: 'lodash', want: 'npm:lodash@4' },
    { spec: 'std', want: 'jsr:@std/x' },
    { spec: 'unmapped', want: undefined },
  ])('$spec → $want', ({ spec, want }) => {
    expect(mapSpecifier(spec, map)).toBe(want);
  });
});
