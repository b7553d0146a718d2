import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../test/helpers/hosting.js';
import { allowLoopback, startInProcess } from '../../test/helpers/in-process-emulator.js';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { SCHEMA_VERSION } from './db/schema.js';
import { loadSqlite } from './db/sqlite.js';
import { Store } from './store.js';

describe('emulator state on disk', () => {
  let dir: string;
  beforeEach(() => {
    allowLoopback();
    dir = mkdtempSync(join(tmpdir(), 'rosi-emu-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survives closing and reopening: tokens, refresh tokens and revocations', async () => {
    const clock = new ManualClock('2026-11-28T12:00:00Z', false);
    const first = await startInProcess({ dataDir: dir, clock });
    const login = await first.login();
    const revoked = await first.login();
    await first.form('auth.revoke', { token: String(revoked.token) });
    await first.running.close();
    expect(first.running.databaseFile).toBe(join(dir, 'emulator.db'));

    const second = await startInProcess({ dataDir: dir, clock });
    try {
      expect(await second.form('auth.test', { token: String(login.token) })).toMatchObject({ ok: true, user_id: 'U0EMULATOR' });
      expect(await second.form('auth.test', { token: String(revoked.token) })).toEqual({ ok: false, error: 'token_revoked' });
      expect(await second.form('tooling.tokens.rotate', { refresh_token: String(login.refresh_token) })).toMatchObject({ ok: true });
    } finally {
      await second.running.close();
    }
  });

  it('keeps pending tickets across a restart', async () => {
    const clock = new ManualClock('2026-11-28T12:00:00Z', false);
    const first = await startInProcess({ dataDir: dir, clock });
    const { ticket } = await first.form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' });
    await first.running.close();
    const second = await startInProcess({ dataDir: dir, clock });
    try {
      expect((await second.control('approve', { ticket })).status).toBe(200);
    } finally {
      await second.running.close();
    }
  });

  it('keeps activity logs across restarts for 7 days by the emulator clock', async () => {
    const clock = new ManualClock('2026-11-28T12:00:00Z', false);
    const first = await startInProcess({ dataDir: dir, clock });
    const { token, appId } = await createApp(first);
    await first.control('activities', { app_id: appId, activities: [{ event_type: 'kept' }] });
    await first.running.close();
    const events = async (days: number) => {
      clock.advance(days * 24 * 3_600_000);
      const emu = await startInProcess({ dataDir: dir, clock });
      try {
        return ((await emu.json('apps.activities.list', { app_id: appId }, token)).activities as { event_type: string }[]).map((a) => a.event_type);
      } finally {
        await emu.running.close();
      }
    };
    expect(await events(6)).toEqual(['kept']);
    expect(await events(2)).toEqual([]);
  });

  it('uses WAL and records the schema version', async () => {
    const store = await Store.open(join(dir, 'nested', 'emulator.db'));
    store.close();
    const db = (await loadSqlite()).open(join(dir, 'nested', 'emulator.db'));
    try {
      expect(db.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer rosi', async () => {
    const file = join(dir, 'emulator.db');
    const db = (await loadSqlite()).open(file);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999);');
    db.close();
    await expect(Store.open(file)).rejects.toMatchObject({ code: 'emulator_data_too_new' });
  });

  describe('the seeded team ID', () => {
    const DOMAIN_ONLY = { domain: 'emulator', name: 'Emulator Workspace' };

    it('is made at a data folder’s first start and kept; another folder gets another', async () => {
      const ids: string[] = [];
      for (const folder of [dir, dir, join(dir, 'other')]) {
        const emu = await startInProcess({ dataDir: folder, team: DOMAIN_ONLY });
        ids.push(emu.running.team.id);
        await emu.running.close();
      }
      expect(ids[0]).toMatch(/^T[A-Z0-9]{10}$/);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[2]).not.toBe(ids[0]);
    });

    it('a data folder seeded as T0EMULATOR before IDs were made per folder keeps T0EMULATOR', async () => {
      const file = join(dir, 'emulator.db');
      (await Store.open(file)).close();
      const db = (await loadSqlite()).open(file);
      // The database as schema 4 left it (before the settings table and what came after), with the default team seeded.
      db.exec(
        `DROP INDEX activities_by_component; DROP TABLE usergroup_members; DROP TABLE usergroups; DROP TABLE message_reactions; DROP TABLE messages; DROP TABLE schedule_fires; DROP TABLE execution_tokens; DROP TABLE workflow_trip_takes; DROP TABLE function_executions; DROP TABLE workflow_executions; DROP TABLE trigger_trips; DROP TABLE triggers; DROP TABLE channels; DROP TABLE variables; DROP TABLE settings; UPDATE schema_version SET version = 4; INSERT INTO teams (id, domain, name, created_at) VALUES ('T0EMULATOR', 'emulator', 'Emulator Workspace', 0);`,
      );
      db.close();
      const emu = await startInProcess({ dataDir: dir, team: DOMAIN_ONLY });
      try {
        expect(emu.running.team.id).toBe('T0EMULATOR');
      } finally {
        await emu.running.close();
      }
    });

    it('in memory, each start has a new one', async () => {
      const a = await startInProcess({ dataDir: null, team: DOMAIN_ONLY });
      const b = await startInProcess({ dataDir: null, team: DOMAIN_ONLY });
      expect(a.running.team.id).not.toBe(b.running.team.id);
      await Promise.all([a.running.close(), b.running.close()]);
    });
  });

  it('writes nothing to disk in memory', async () => {
    const emu = await startInProcess({ dataDir: null });
    await emu.login();
    await emu.running.close();
    expect(emu.running.databaseFile).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'emulator.db'))).toBe(false);
  });
});
