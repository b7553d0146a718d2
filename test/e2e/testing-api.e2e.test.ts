// rosi/testing as a suite uses it, from its sources: both ways of running the emulator, deploy from a copy,
// fire and wait, reset to the checkpoint, close leaving nothing behind, and the errors a person sees.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosiTestingError, startEmulator, type TestEmulator, type Trigger } from '../../src/testing/index.js';
import { ROOT } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';

const PROJECT = join(ROOT, 'examples', 'hello-rosi');
const GREET = 'triggers/greet_webhook.ts';
const greeting = (name: string) => ({ kind: 'greeting', name, channel: 'C0GENERAL' });

for (const mode of ['in-process', 'child'] as const) {
  describeWith(['deno'], `rosi/testing, the emulator ${mode === 'child' ? 'as a child process' : 'in this process'}`, () => {
    let emu: TestEmulator;
    let greet: Trigger;
    beforeAll(async () => {
      emu = await startEmulator({
        process: mode,
        project: PROJECT,
        triggers: [GREET],
        seed: { tasks: [{ id: 'seeded', title: 'Seeded', owner: 'Grace', done: false }] },
      });
      greet = (await emu.createTrigger(GREET)) as Trigger;
      await emu.checkpoint();
    }, 60_000);
    afterAll(() => emu?.close());

    it('fires the greet workflow and waits for it: the greeting posted, the task stored, the trace’s activity', async () => {
      const run = await emu.fire(greet, greeting('Ada'));
      expect(run.status).toBe('completed');
      expect(run.error).toBeUndefined();
      expect(run.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
      expect(run.steps[0]?.outputs).toMatchObject({ greeting: 'Hello, Ada! 👋' });
      expect(run.messages.map((m) => [m.channel, m.text])).toEqual([['C0GENERAL', 'Hello, Ada! 👋']]);
      expect(run.activity.length).toBeGreaterThan(0);
      expect(run.activity.every((a) => a.trace_id === run.traceId)).toBe(true);
      expect(
        (await emu.datastore('tasks').query({ expression: '#o = :o', expression_attributes: { '#o': 'owner' }, expression_values: { ':o': 'Ada' } })).map(
          (t) => t.title,
        ),
      ).toEqual(['Follow up with Ada']);
    });

    it('reports a failed execution with its step’s error', async () => {
      const run = await emu.fire(greet, greeting(''));
      expect(run.status).toBe('failed');
      expect(run.error).toBe('A name is needed');
      expect(run.messages).toEqual([]);
    });

    it('resets to the checkpoint: items, runs and messages gone, the seed and the trigger kept, over and over', async () => {
      await emu.fire(greet, greeting('Linus'));
      await emu.datastore('tasks').put({ id: 'extra', title: 'Extra', owner: 'X', done: true });
      const took: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await emu.reset();
        took.push(performance.now() - started);
      }
      expect((await emu.datastore('tasks').query()).map((t) => t.id)).toEqual(['seeded']);
      expect(await emu.messages('C0GENERAL')).toEqual([]);
      expect(await emu.datastore('tasks').get('extra')).toBeUndefined();
      // The trigger was made before the checkpoint: it still fires.
      expect((await emu.fire(greet, greeting('Ada'))).status).toBe('completed');
      // For the record, not a timed assertion: a reset is a transaction, not a restart.
      console.info(`rosi/testing ${mode}: reset ${took.map((t) => t.toFixed(1)).join(', ')} ms`);
    });

    it('deploys a copy: the project folder gets no .slack record', () => {
      expect(readdirSync(join(PROJECT, '.slack')).sort()).toEqual(['.gitignore', 'hooks.json']);
    });

    it('says a filtered webhook call and a slow execution clearly, without the token', async () => {
      const filtered = await emu.fire(greet, { kind: 'other', name: 'Ada', channel: 'C0GENERAL' }).catch((e: unknown) => e);
      expect(filtered).toBeInstanceOf(RosiTestingError);
      expect((filtered as RosiTestingError).code).toBe('fire_filtered');
      const slow = await emu.fire(greet, greeting('Ada'), { timeout: 20 }).catch((e: unknown) => e);
      expect((slow as RosiTestingError).code).toBe('fire_timeout');
      expect((slow as Error).message).toMatch(/within 20 ms.*Give it longer: fire\(trigger, data, \{ timeout \}\)/s);
      for (const e of [filtered, slow]) expect((e as Error).message).not.toContain(emu.token);
    });
  });
}

describe('rosi/testing without functions', () => {
  it('closes every time without error, and leaves no process or temporary folder behind', async () => {
    const emu = await startEmulator({ process: 'child', project: PROJECT });
    const { dir } = await emu.deploy();
    // The copy deployed lives in the emulator's own temporary folder: <tmp>/rosi-testing-…/projects/hello-rosi-1.
    const own = dirname(dirname(dir));
    expect(dirname(own)).toBe(tmpdir());
    expect(own).toMatch(/rosi-testing-[^/]+$/);
    expect(existsSync(own)).toBe(true);
    await Promise.all([emu.close(), emu.close()]);
    await emu.close();
    expect(existsSync(own)).toBe(false);
    await expect(fetch(emu.url)).rejects.toThrow();
    await expect(emu.reset()).rejects.toThrow(/this emulator was closed/);
  }, 60_000);

  it('disposes with await using, in this process', async () => {
    let url = '';
    {
      await using emu = await startEmulator();
      url = emu.url;
      expect(emu.apiUrl).toBe(`${url}/api/`);
      expect(emu.token).toMatch(/^xoxp-/);
    }
    await expect(fetch(url)).rejects.toThrow();
  });

  it('names what is wrong: a missing project, no app yet, a bad option', async () => {
    await expect(startEmulator({ project: '/nonexistent/app' })).rejects.toThrow(/no project folder at \/nonexistent\/app/);
    await expect(startEmulator({ process: 'elsewhere' as 'child' })).rejects.toThrow(/process must be 'in-process' or 'child'/);
    await expect(startEmulator({ fireTimeout: -1 })).rejects.toThrow(/fireTimeout is milliseconds/);
    await using emu = await startEmulator();
    await expect(emu.seed('tasks', [{ id: '1' }])).rejects.toThrow(/seed\(tasks\): no app is deployed; start with \{ project \} or call deploy\(\) first/);
    await expect(emu.createTrigger(GREET)).rejects.toMatchObject({ code: 'no_app' });
  });
});
