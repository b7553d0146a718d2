import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

/** A request with a Host header of our choosing (fetch will not send one). */
function withHost(url: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'ticket=x&decision=approve' : undefined);
  });
}

async function settled(emu: EmulatorHandle): Promise<string> {
  for (let i = 0; i < 100 && !emu.log().includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 50));
  return emu.log();
}

describe('which hosts the emulator answers', () => {
  let home: string;
  let cleanup: () => void;
  const running: EmulatorHandle[] = [];
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    cleanup();
  });
  const start = async (args: string[]) => {
    const emu = await startEmulator(args, home);
    running.push(emu);
    return emu;
  };

  it('refuses a request addressed to another host name (DNS rebinding) on every path, before it runs', async () => {
    const emu = await start(['--in-memory', '--control']);
    const port = new URL(emu.url).port;
    for (const [path, method] of [
      ['/api/apps.hosted.generateAuthTicket', 'POST'],
      ['/', 'GET'],
      ['/approve', 'POST'],
      ['/__emulator/calls', 'GET'],
    ] as const) {
      const r = await withHost(`${emu.url}${path}`, `rebind.attacker.example:${port}`, method);
      expect(r.status, path).toBe(403);
      expect(JSON.parse(r.body), path).toEqual({
        ok: false,
        error: 'host_not_allowed',
        response_metadata: { messages: [expect.stringContaining('--host <name>')] },
      });
    }
    const calls = await withHost(`${emu.url}/__emulator/calls`, `127.0.0.1:${port}`);
    expect(JSON.parse(calls.body)).toMatchObject({ calls: [] });
  });

  it.each(['localhost', '127.0.0.1', 'app.localhost', '[::1]', '192.168.1.20'])(
    'serves %s: loopback names and IP addresses cannot be rebound',
    async (name) => {
      const emu = await start(['--in-memory']);
      const r = await withHost(`${emu.url}/api/auth.test`, `${name}:${new URL(emu.url).port}`, 'POST');
      expect(r).toEqual({ status: 200, body: JSON.stringify({ ok: false, error: 'not_authed' }) });
    },
  );

  it('serves the name given with --host', async () => {
    const emu = await start(['--in-memory', '--host', 'localhost']);
    const r = await withHost(`${emu.url}/api/auth.test`, `LOCALHOST:${new URL(emu.url).port}`, 'POST');
    expect(r.status).toBe(200);
  });

  it('warns loudly when listening beyond loopback, with the command that does not', async () => {
    const open = await start(['--in-memory', '--host', '0.0.0.0']);
    expect(await settled(open)).toContain(
      'Listening on 0.0.0.0, beyond this machine: anyone who can reach port ' +
        new URL(open.url).port +
        ' can approve login tickets, take tokens and read or change every app’s data. Stop it unless you mean that, and start it with: rosi emulator --host 127.0.0.1 --port 0',
    );
    const local = await start(['--in-memory']);
    expect(await settled(local)).not.toContain('beyond this machine');
  });
});
