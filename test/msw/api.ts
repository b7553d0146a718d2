import { SlackApi, type SlackApiOptions, type TokenProvider } from '../../src/api/client.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { API } from './slack.js';

export interface TestApi {
  api: SlackApi;
  clock: ManualClock;
  /** --verbose debug lines the transport wrote. */
  lines: string[];
  /** [method, warning] pairs passed to onWarning. */
  warnings: [string, string][];
}

/** A token provider that hands out a fixed token and cannot refresh. */
export const fixedToken = (token = 'xoxe.xoxp-1-fixture'): TokenProvider => ({ token: async () => token });

/**
 * A SlackApi against the msw server at API, with a ManualClock (retries never wait in
 * real time), mid-range jitter, a collected debug log and collected warnings.
 */
export function testApi(over: Partial<SlackApiOptions> = {}): TestApi {
  const clock = new ManualClock();
  const lines: string[] = [];
  const warnings: [string, string][] = [];
  const api = new SlackApi({
    baseUrl: API,
    fetch: (input, init) => globalThis.fetch(input, init),
    clock,
    signal: new AbortController().signal,
    userAgent: 'rosi/1.2.3 (os: linux)',
    timeoutMs: 5_000,
    random: () => 0.5,
    tokens: fixedToken(),
    log: (line) => lines.push(line),
    onWarning: (method, w) => warnings.push([method, w]),
    ...over,
  });
  return { api, clock: over.clock instanceof ManualClock ? over.clock : clock, lines, warnings };
}
