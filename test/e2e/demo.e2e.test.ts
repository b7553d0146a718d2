import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, ROOT, tempHome } from '../helpers/e2e.js';
import { itWith } from '../helpers/system-tools.js';

// `npm run demo` is the first thing a new user runs, so it is tested like any command.
describe('npm run demo', () => {
  let run: SpawnSyncReturns<string>;
  let cleanup: () => void;
  beforeAll(() => {
    const temp = tempHome();
    cleanup = temp.cleanup;
    run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], { cwd: ROOT, env: baseEnv(temp.home), encoding: 'utf8', timeout: 120_000 });
  }, 130_000);
  afterAll(() => cleanup?.());

  it('runs every step of the main job on the embedded emulator and exits 0', () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Demo finished: every step did what it should.');
    expect(run.stdout).not.toMatch(/xox[a-z]-/);
  });

  it("ends with the app's page in the emulator's console, then stops the emulator", () => {
    expect(run.stdout).toMatch(/^The app in the emulator's console: http:\/\/127\.0\.0\.1:\d+\/apps\/A[A-Z0-9]+$/m);
    expect(run.stdout).toContain('(The emulator stops now; `npm run demo -- --keep` leaves it running to look around.)');
    expect(run.stdout).not.toContain('keeps running');
  });

  itWith(['deno'], 'shows the sample app running: its workflow, the item and the message it made, and a failing execution', () => {
    const out = run.stdout;
    expect(out).toMatch(/✓ deployed: created app A[A-Z0-9]+ and uploaded 4 files/);
    expect(out).toMatch(/✓ workflow completed: trace Tr[A-Z0-9]+/);
    expect(out).toMatch(/Trace Tr[A-Z0-9]+ · .* · completed\n[\s\S]*Function 'Greet someone' \(app function\)[\s\S]*Step 2 of 2 'Send a message to a channel'/);
    expect(out).toContain('"title": "Follow up with Ada"');
    expect(out).toContain('✓ the message: "Bonjour, Ada! 👋" in #general');
    expect(out).toMatch(/Trace Tr[A-Z0-9]+ · .* · failed\n/);
    expect(out).toContain('error: A name is needed');
    expect(out).toContain('✓ the failing execution\'s error: "A name is needed"');
    expect(out).toContain('✓ daily_summary counted the open tasks; send_message posted the count');
    // Every command is printed whole: the curl calls name their URL, the rosi ones run in the app's folder.
    expect(out).toMatch(
      /^\$ curl -X POST -H 'content-type: application\/json' -d '\{"kind":"greeting","name":"Ada","channel":"C0GENERAL"\}' http:\/\/127\.0\.0\.1:\d+\/triggers\//m,
    );
    expect(out).toMatch(/^\$ \(cd hello-rosi\) rosi emulator messages --channel C0GENERAL$/m);
    expect(out).toMatch(/^\$ \(cd hello-rosi\) rosi trigger run --trigger-id Ft[A-Z0-9]+ --inputs '\{"kind":"greeting","name":"","channel":"C0GENERAL"\}'$/m);
    expect(out).toMatch(/^\$ \(cd hello-rosi\) rosi trigger run --trigger-id Ft[A-Z0-9]+$/m);
    expect(out).toMatch(/^\$ \(cd hello-rosi\) rosi activity trace Tr[A-Z0-9]+$/m);
  });
});

describe('npm run demo -- --keep', () => {
  it('leaves the emulator running with its console pages until Ctrl-C, then stops it', async () => {
    const temp = tempHome();
    try {
      const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--keep'], { cwd: ROOT, env: baseEnv(temp.home) });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', r));
      for (let i = 0; i < 1200 && !/The messages +\S+\n/.test(out) && child.exitCode === null; i++) await delay(100);
      expect(out).toContain('The emulator keeps running (--keep) until Ctrl-C.');
      const pages = [...out.matchAll(/^ {3}(?:The app|Its activity|Its datastore|The messages) +(http:\/\/127\.0\.0\.1:\d+\/\S+)$/gm)].map((m) => m[1]!);
      expect(pages, out).toHaveLength(4);
      expect(pages[0]).toMatch(/\/apps\/A[A-Z0-9]+$/);
      for (const page of pages) expect((await fetch(page)).status, page).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await expect(fetch(pages[0]!)).rejects.toThrow();
    } finally {
      temp.cleanup();
    }
  }, 150_000);
});
