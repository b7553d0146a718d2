import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Backend, BackendOptions } from './backend.js';
import { emulatorClient } from './client.js';
import { redact, RosiTestingError } from './errors.js';
import { rosiBin, tail } from './rosi-cli.js';

const START_TIMEOUT_MS = 30_000;

/** `rosi emulator --port 0 --json --in-memory --control` in its own process; reset and checkpoint through its test endpoints. */
export async function startChild(o: BackendOptions): Promise<Backend> {
  const args = ['emulator', '--port', '0', '--json', '--in-memory', '--control'];
  if (o.functionTimeout !== undefined) args.push('--function-timeout', `${Math.round(o.functionTimeout)}ms`);
  if (o.deno !== undefined) args.push('--deno', o.deno);
  const child = spawn(process.execPath, [rosiBin(), ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  // A suite that ends without close() must not leave the emulator running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  let started: { url: string; team_id: string };
  try {
    started = await firstLine(child, () => log);
  } catch (e) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw e;
  }
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  let token = '';
  const client = emulatorClient(started.url, () => token);
  try {
    token = await signIn(started.url, client);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    process: 'child',
    url: started.url,
    token,
    teamId: started.team_id,
    checkpoint: async () => void (await client.control('checkpoint', {})),
    reset: async () => void (await client.control('reset', {})),
    close: stop,
  };
}

function firstLine(child: ChildProcess, log: () => string): Promise<{ url: string; team_id: string }> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new RosiTestingError('start_failed', `rosi emulator ${why}:\n${redact(tail(log()))}`));
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000}s`), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      fail(`could not run (${e.message})`);
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as { url: string; team_id: string });
      } catch {
        fail(`printed ${line.slice(0, 200)} where its JSON start-up line was expected`);
      }
    });
  });
}

/** The seeded developer's ticket login, approved through the test endpoint, for a token that never expires. */
async function signIn(url: string, client: ReturnType<typeof emulatorClient>): Promise<string> {
  const form = async (method: string, params: Record<string, string>) => {
    const res = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.ok !== true) throw new RosiTestingError('sign_in_failed', `Signing in to the emulator failed: ${method} answered ${String(body.error)}`);
    return body;
  };
  const { ticket } = await form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5', no_rotation: 'true' });
  const { challenge } = await client.control('approve', { ticket });
  const exchanged = await form('apps.hosted.exchangeAuthTicket', { ticket: String(ticket), challenge: String(challenge), slack_cli_version: 'v4.5.0' });
  return String(exchanged.token);
}
