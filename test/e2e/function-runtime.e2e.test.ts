// The function runtime as it ships: the built emulator bundle (dist/emulator.cjs), with the
// Deno harness inside it as text, running a function in real Deno.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type * as Emulator from '../../src/emulator/index.js';
import { ROOT, startEmulator, tempHome } from '../helpers/e2e.js';
import { bundleOf, functionPayload, standInApi, tempFolder, TOKEN, type StandInApi } from '../helpers/function-runtime.js';
import { describeWith } from '../helpers/system-tools.js';

const built = () => createRequire(import.meta.url)(join(ROOT, 'dist', 'emulator.cjs')) as typeof Emulator;

describeWith(['deno'], 'the built emulator’s function runtime', () => {
  let api: StandInApi;
  beforeEach(async () => {
    api = await standInApi();
  });
  afterEach(() => api.close());

  it('writes its harness out and runs a function to completeSuccess, under a data folder of its own', async () => {
    const dir = tempFolder();
    const runtime = await built().createRuntime({
      deno: { explicit: process.env.ROSI_DENO, searchPath: process.env.PATH },
      dir,
      functionTimeoutMs: 20_000,
      maxExecutions: 1,
    });
    try {
      const bundleDir = bundleOf({ 'functions/greet.js': 'export default ({ inputs }) => ({ outputs: { greeting: `hello ${inputs.name}` } });' });
      const payload = functionPayload({ callbackId: 'greet', apiUrl: api.apiUrl, inputs: { name: 'ada' } });
      const first = await runtime.run({ bundleDir, payload, allowNet: [] });
      const second = await runtime.run({ bundleDir, payload, allowNet: [] });
      expect([first.outcome, second.outcome]).toEqual(['returned', 'returned']);
      expect(api.calls).toHaveLength(2);
      expect(api.calls[0]).toEqual({
        method: 'functions.completeSuccess',
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: 'outputs=%7B%22greeting%22%3A%22hello+ada%22%7D&function_execution_id=Fx0123ABCD',
      });
      expect(readdirSync(dir).sort()).toEqual(['deno-dir', expect.stringMatching(/^harness-[0-9a-f]{16}\.ts$/)]);
      // Start-up cost, spawn to result, for the record: a warm run is well under a second.
      expect(second.durationMs).toBeLessThan(2_000);
    } finally {
      await runtime.close();
    }
    expect(existsSync(dir)).toBe(true);
  });

  it('rosi emulator names the Deno it runs functions with', async () => {
    const { home, cleanup } = tempHome();
    const emu = await startEmulator(['--in-memory'], home);
    try {
      await emu.stop();
      expect(emu.log()).toMatch(/ {2}Functions {2}run in Deno: \S*deno\n/);
    } finally {
      cleanup();
    }
  });
});
