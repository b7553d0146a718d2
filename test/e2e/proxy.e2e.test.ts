import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

let emu: EmulatorHandle;
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  emu = await startEmulator();
  // A forward proxy that tunnels CONNECT requests (how undici reaches any target through a proxy).
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.stop();
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
});

it('requests go through HTTP_PROXY, and NO_PROXY exempts a host', async () => {
  const { home, cleanup } = tempHome();
  try {
    const viaProxy = await runRosi(['login', '--no-prompt', '--json', '--apihost', emu.url], { home, env: { HTTP_PROXY: proxyUrl } });
    expect(viaProxy.code, viaProxy.stderr).toBe(0);
    expect(seen).toEqual([`CONNECT ${new URL(emu.url).host}`]);

    const direct = await runRosi(['login', '--no-prompt', '--json', '--apihost', emu.url], { home, env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    expect(direct.code, direct.stderr).toBe(0);
    expect(seen).toHaveLength(1);
  } finally {
    cleanup();
  }
});

it('a proxy that drops CONNECT: rosi retries, fails with exit 1 and exits (no hang)', async () => {
  const dropper = createServer();
  dropper.on('connect', (_req: IncomingMessage, client: Duplex) => client.destroy());
  await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
  const { home, cleanup } = tempHome();
  try {
    const started = Date.now();
    const r = await runRosi(['login', '--no-prompt', '--apihost', emu.url], { home, env: { HTTP_PROXY: url, ROSI_HTTP_TIMEOUT: '0.5' }, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('(http_request_failed)');
    expect(Date.now() - started).toBeLessThan(20_000);
  } finally {
    dropper.closeAllConnections();
    await new Promise((r) => dropper.close(r));
    cleanup();
  }
});
