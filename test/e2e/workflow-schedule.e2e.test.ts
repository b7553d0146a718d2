import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, runRosi, SEEDED_APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { hostedManifest } from '../helpers/hosting.js';
import { loginSplit } from './login-helpers.js';

// A scheduled trigger made with the built CLI fires by itself when the built emulator's clock passes its runs:
// `rosi activity` shows each run as Slack shows a scheduled trigger's. The workflow is built-ins only, so the
// seeded app (never deployed) runs it without Deno.

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

const manifest = hostedManifest({
  workflows: {
    announce: {
      title: 'Announce',
      steps: [{ id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'Good morning' } }],
    },
  },
});

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, manifest);
  await loginSplit(emu, home);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const rosi = (args: string[]) => runRosi(args, { home, cwd: home, env: { TZ: 'UTC' } });
const HOUR = 3_600_000;

interface Execution {
  id: string;
  trigger_id: string;
  status: string;
}

describe('scheduled triggers fire by the emulator clock', () => {
  it('rosi trigger create, the clock moved past three daily runs: three executions, in rosi activity as scheduled', async () => {
    // The next whole hour, by the real clock the emulator started from.
    const start = new Date(Math.ceil((Date.now() + 60_000) / HOUR) * HOUR);
    const file = join(home, 'daily.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'scheduled',
        name: 'Morning announcement',
        workflow: '#/workflows/announce',
        schedule: { start_time: start.toISOString(), frequency: { type: 'daily' } },
      }),
    );
    const made = await rosi(['trigger', 'create', '--trigger-def', file, '--app', SEEDED_APP, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };

    await control(emu, 'clock', { advance_ms: 2 * 24 * HOUR + 2 * HOUR });
    let executions: Execution[] = [];
    for (let tries = 0; tries < 200; tries++) {
      ({ executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${SEEDED_APP}`));
      if (executions.length >= 3 && executions.every((x) => x.status !== 'running')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(executions.map((x) => [x.trigger_id, x.status])).toEqual([
      [id, 'completed'],
      [id, 'completed'],
      [id, 'completed'],
    ]);

    const lines = await rosi(['activity', '--app', SEEDED_APP]);
    expect(lines.code, lines.stderr).toBe(0);
    const started = lines.stdout.split('\n').filter((l) => l.includes('trigger successfully started'));
    expect(started).toHaveLength(3);
    for (const l of started)
      expect(l).toMatch(/\[info\] \[Wf[A-Z0-9]{10}\] \(Trace=Tr[A-Z0-9]{10}\) Scheduled trigger successfully started execution of function 'Announce'$/);
  });
});
