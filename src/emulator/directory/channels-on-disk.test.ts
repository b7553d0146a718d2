import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowLoopback, startInProcess, type Json } from '../../../test/helpers/in-process-emulator.js';
import { loadSqlite } from '../db/index.js';
import { Store } from '../store.js';

const channelNames = async (emu: { control: (path: string) => Promise<{ body: Json }> }) =>
  ((await emu.control('channels')).body.channels as Json[]).map((c) => `${String(c.id)} ${String(c.name)}`);

describe('channels in a data folder', () => {
  let dir: string;
  beforeEach(() => {
    allowLoopback();
    dir = mkdtempSync(join(tmpdir(), 'rosi-emu-channels-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a channel made in a test survives a restart, and the seeded ones are not made twice', async () => {
    const first = await startInProcess({ dataDir: dir });
    await first.control('channels', { name: 'alerts' });
    const before = await channelNames(first);
    await first.running.close();
    const second = await startInProcess({ dataDir: dir });
    try {
      expect(await channelNames(second)).toEqual(before);
      expect(before).toEqual(['C0GENERAL general', 'C0RANDOM random', expect.stringMatching(/ alerts$/)]);
    } finally {
      await second.running.close();
    }
  });

  it('a folder from before channels existed gets #general and #random at its next start', async () => {
    const file = join(dir, 'emulator.db');
    (await Store.open(file)).close();
    const db = (await loadSqlite()).open(file);
    // The database as the schema before the channels table (and the triggers and workflows after it) left it.
    db.exec(
      'DROP INDEX activities_by_component; DROP TABLE usergroup_members; DROP TABLE usergroups; DROP TABLE message_reactions; DROP TABLE messages; DROP TABLE schedule_fires; DROP TABLE execution_tokens; DROP TABLE workflow_trip_takes; DROP TABLE function_executions; DROP TABLE workflow_executions; DROP TABLE trigger_trips; DROP TABLE triggers; DROP TABLE channels; UPDATE schema_version SET version = 6;',
    );
    db.close();
    const emu = await startInProcess({ dataDir: dir });
    try {
      expect(await channelNames(emu)).toEqual(['C0GENERAL general', 'C0RANDOM random']);
    } finally {
      await emu.running.close();
    }
  });
});
