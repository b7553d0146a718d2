import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorDeps } from '../../deps.js';
import { seedChannels } from '../../directory/index.js';
import { Store } from '../../store.js';
import { messagesPage } from './messages-read.js';

// A long channel is read a page at a time over the message log's index: every top-level message once, in order,
// each with its thread, and a page costs the same at the start and deep into the channel.

const TEAM = 'T0PAGING';
const TOP_LEVEL = 20_000;

describe('messagesPage over a long channel', () => {
  let store: Store;
  let deps: EmulatorDeps;
  const parents: string[] = [];
  beforeAll(async () => {
    store = await Store.open(':memory:');
    store.upsertTeam({ id: TEAM, domain: 'paging', name: 'Paging' }, 0);
    store.upsertUser({ id: 'U0PAGING', team_id: TEAM, name: 'pager' }, 0);
    seedChannels(store.channels, { teamId: TEAM, creator: 'U0PAGING', now: 0, ownTeam: true });
    const post = (i: number, thread_ts: string | null) =>
      store.messages.insert(
        {
          channel_id: 'C0GENERAL',
          team_id: TEAM,
          app_id: null,
          user_id: 'U0PAGING',
          thread_ts,
          text: `message ${i}`,
          blocks: null,
          workflow_execution_id: null,
          function_execution_id: null,
          posted_at: i,
        },
        1_800_000_000_000_000 + i,
      );
    store.transaction(() => {
      for (let i = 0; i < TOP_LEVEL; i++) {
        const m = post(i, null);
        parents.push(m.ts);
        // Every hundredth message gets a thread of three replies, posted right after it.
        if (i % 100 === 0) for (let r = 0; r < 3; r++) post(i, m.ts);
      }
    });
    deps = { store } as EmulatorDeps;
  }, 60_000);
  afterAll(() => store?.close());

  it('walks every top-level message once, newest first, each thread under its parent', () => {
    const threaded = new Set(parents.filter((_, i) => i % 100 === 0));
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = messagesPage(deps, TEAM, 'C0GENERAL', before, 200);
      pages++;
      for (const m of page.messages) {
        seen.push(m.ts as string);
        expect(m.replies).toHaveLength(threaded.has(m.ts as string) ? 3 : 0);
      }
      if (page.next_before === null) break;
      before = page.next_before;
    }
    expect(pages).toBe(TOP_LEVEL / 200);
    expect(seen).toEqual([...parents].reverse());
  });

  it('answers the first page and a page deep in the channel quickly', () => {
    for (const before of [undefined, parents[100]]) {
      const started = performance.now();
      const page = messagesPage(deps, TEAM, 'C0GENERAL', before, 50);
      expect(page.messages).toHaveLength(50);
      expect(performance.now() - started).toBeLessThan(200);
    }
  });
});
