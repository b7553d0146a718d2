import { http, passthrough } from 'msw';
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_TEAM, DEFAULT_TICKET_TTL_MS, DEFAULT_TOKEN_TTL_MS, DEFAULT_USER } from '../../src/emulator/defaults.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/http/server.js';
import { server as msw } from '../msw/server.js';
import { ManualClock } from './manual-clock.js';

export type Json = Record<string, unknown>;

export interface InProcessEmulator {
  url: string;
  clock: ManualClock;
  errors: string[];
  running: RunningEmulator;
  /** Form POST, the official CLI's shape for auth methods; `token` goes in the body when given. */
  form(method: string, params?: Record<string, string>): Promise<Json>;
  /** JSON POST with an optional Bearer token. */
  json(method: string, body?: unknown, token?: string): Promise<Json>;
  /** A complete ticket login through the control endpoint; returns the exchange answer. */
  login(opts?: { noRotation?: boolean }): Promise<Json>;
  control(path: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

/** Lets real requests to loopback servers through msw, which otherwise fails unexpected requests. */
export function allowLoopback(): void {
  msw.use(http.all(/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//, () => passthrough()));
}

/** The emulator's options, on a clock a test moves by hand. */
export type InProcessOptions = Partial<Omit<EmulatorOptions, 'clock'>> & { clock?: ManualClock };

export async function startInProcess(o: InProcessOptions = {}): Promise<InProcessEmulator> {
  const clock = o.clock ?? new ManualClock('2026-11-28T12:00:00Z', false);
  const errors: string[] = [];
  const running = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    tokenTtlMs: DEFAULT_TOKEN_TTL_MS,
    ticketTtlMs: DEFAULT_TICKET_TTL_MS,
    team: DEFAULT_TEAM,
    user: DEFAULT_USER,
    control: true,
    clock,
    onError: (m) => errors.push(m),
    ...o,
  });
  const url = running.url;
  const read = async (res: Response) => (await res.json()) as Json;
  const emu: InProcessEmulator = {
    url,
    clock,
    errors,
    running,
    form: async (method, params = {}) =>
      read(
        await fetch(`${url}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(params).toString(),
        }),
      ),
    json: async (method, body = {}, token) =>
      read(
        await fetch(`${url}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        }),
      ),
    async control(path, body) {
      const res = await fetch(
        `${url}/__emulator/${path}`,
        body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      return { status: res.status, body: await read(res) };
    },
    async login(opts = {}) {
      const { ticket } = await emu.form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5', ...(opts.noRotation ? { no_rotation: 'true' } : {}) });
      const { body } = await emu.control('approve', { ticket });
      return emu.form('apps.hosted.exchangeAuthTicket', { challenge: String(body.challenge), slack_cli_version: 'v4.5.0', ticket: String(ticket) });
    },
  };
  return emu;
}

/** A fresh in-memory emulator for every test in the file, closed after it. */
export function useInProcessEmulator(o: InProcessOptions = {}): () => InProcessEmulator {
  let current: InProcessEmulator | undefined;
  beforeEach(async () => {
    allowLoopback();
    current = await startInProcess(o);
  });
  afterEach(async () => {
    await current?.running.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the emulator runs only inside a test');
    return current;
  };
}

/** A raw node:http request, for bodies fetch will not send (streamed, unterminated, huge). */
export function rawRequest(
  url: string,
  o: { method?: string; headers?: Record<string, string | number>; chunks?: (string | Buffer)[] },
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: o.method ?? 'POST', headers: o.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    for (const c of o.chunks ?? []) req.write(c);
    req.end();
  });
}
