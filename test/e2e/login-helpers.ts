import { expect } from 'vitest';
import { control, runRosi, type EmulatorHandle } from '../helpers/e2e.js';

/** Logs in through the real split ticket flow, approving the ticket as the approval page does. */
export async function loginSplit(emu: EmulatorHandle, home: string, extraEnv: Record<string, string> = {}): Promise<void> {
  const start = await runRosi(['login', '--no-prompt', '--json', '--apihost', emu.url], { home, env: extraEnv });
  expect(start.code, start.stderr).toBe(0);
  const { ticket } = JSON.parse(start.stdout) as { ticket: string };
  const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket });
  const finish = await runRosi(['login', '--ticket', ticket, '--challenge', challenge, '--apihost', emu.url], { home, env: extraEnv });
  expect(finish.code, finish.stderr).toBe(0);
}

export async function rotateCount(emu: EmulatorHandle): Promise<number> {
  return (await control<{ count: number }>(emu, 'calls?method=tooling.tokens.rotate')).count;
}
