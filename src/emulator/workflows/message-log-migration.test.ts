import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp } from '../../../test/helpers/hosting.js';
import { allowLoopback, startInProcess } from '../../../test/helpers/in-process-emulator.js';
import { SCHEMA_VERSION } from '../db/schema.js';
import { loadSqlite } from '../db/sqlite.js';
import { Store } from '../store.js';

let dir: string;
beforeEach(() => {
  allowLoopback();
  dir = mkdtempSync(join(tmpdir(), 'rosi-emu-messages-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('the message log of a data folder from before people’s messages keeps its messages, as an app’s', async () => {
  const emu = await startInProcess({ dataDir: dir });
  const { appId } = await createApp(emu);
  const teamId = emu.running.team.id;
  await emu.running.close();
  const file = join(dir, 'emulator.db');
  const db = (await loadSqlite()).open(file);
  // The message log as the schema before this one made it, with one message a workflow posted.
  db.exec(`
    DROP TABLE workflow_messages;
    CREATE TABLE workflow_messages (
      channel_id TEXT NOT NULL, ts TEXT NOT NULL, ts_micros INTEGER NOT NULL, team_id TEXT NOT NULL REFERENCES teams(id),
      app_id TEXT NOT NULL REFERENCES apps(id), thread_ts TEXT, text TEXT, blocks TEXT, workflow_execution_id TEXT NOT NULL,
      function_execution_id TEXT NOT NULL, posted_at INTEGER NOT NULL, PRIMARY KEY (channel_id, ts)
    );
    INSERT INTO workflow_messages VALUES ('C0GENERAL', '1.000001', 1000001, '${teamId}', '${appId}', NULL, 'before', NULL, 'Wx1', 'Fx1', 1000);
    UPDATE schema_version SET version = ${SCHEMA_VERSION - 1};
  `);
  db.close();
  const store = await Store.open(file);
  try {
    expect(store.workflows.messages('C0GENERAL')).toEqual([
      {
        channel_id: 'C0GENERAL',
        ts: '1.000001',
        team_id: teamId,
        app_id: appId,
        user_id: null,
        thread_ts: null,
        text: 'before',
        blocks: null,
        workflow_execution_id: 'Wx1',
        function_execution_id: 'Fx1',
        posted_at: 1000,
      },
    ]);
  } finally {
    store.close();
  }
});
