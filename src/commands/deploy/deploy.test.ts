import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { calls } from '../../../test/msw/slack.js';

const SAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'hello-rosi');
let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

function project(): string {
  pre = createTestContext();
  const dir = join(pre.home, 'app');
  cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('rosi deploy (no network)', () => {
  it.each([
    { name: 'a size that is not a size', argv: ['--max-size', 'big'], msg: 'Invalid --max-size: "big" is not a size' },
    { name: 'a zero size', argv: ['--max-size', '0'], msg: 'Invalid --max-size' },
    { name: 'an unknown flag', argv: ['--dryrun'], msg: "Unknown option '--dryrun' (did you mean --dry-run?)" },
    { name: '--open with --dry-run', argv: ['--open', '--dry-run'], msg: '--open and --dry-run cannot be used together' },
  ])('usage: $name → exit 2', async ({ argv, msg }) => {
    const r = await runCliInProcess(['deploy', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
  });

  it('--dry-run --json lists the package and makes no call', async () => {
    const dir = project();
    const r = await runCliInProcess(['deploy', '--dry-run', '--json'], { home: pre!.home, cwd: join(dir, 'functions') });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dry_run: boolean; app_name: string; file_count: number; files: { name: string; size: number }[] };
    expect(out).toMatchObject({ dry_run: true, app_name: 'Hello Rosi', file_count: 4 });
    expect(out.files.map((f) => f.name).sort()).toEqual(['assets/icon.png', 'functions/daily_summary.js', 'functions/greet.js', 'manifest.json']);
    expect(calls()).toHaveLength(0);
  });

  it('--max-size below the bundle fails before anything is uploaded (exit 1)', async () => {
    const dir = project();
    const r = await runCliInProcess(['deploy', '--max-size', '500'], { home: pre!.home, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(bundle_too_large)');
    expect(calls()).toHaveLength(0);
  });
});
