import { afterAll, beforeAll, expect } from 'vitest';
import { control, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

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

/**
 * One emulator and one temp HOME logged in to it for a test file: started before its tests, stopped and
 * removed after. `ready` hands both over once they exist.
 */
export function useLoggedInEmulator(ready: (s: { emu: EmulatorHandle; home: string }) => void): void {
  let emu: EmulatorHandle | undefined;
  let cleanup: (() => void) | undefined;
  beforeAll(async () => {
    emu = await startEmulator();
    const temp = tempHome();
    cleanup = temp.cleanup;
    await loginSplit(emu, temp.home);
    ready({ emu, home: temp.home });
  });
  afterAll(async () => {
    await emu?.stop();
    cleanup?.();
  });
}
