import { EmulatorError } from '../errors.js';
import type { SqliteDatabase } from './sqlite.js';

/*
 * Append-only: migration N brings a database from version N to N+1. Never edit a shipped
 * entry; users' data directories were built by it.
 * Times are Unix milliseconds; tokens are stored as SHA-256 hashes.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    domain TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE auth_tickets (
    ticket TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    no_rotation INTEGER NOT NULL,
    cli_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'used')),
    challenge TEXT,
    team_id TEXT REFERENCES teams(id),
    user_id TEXT REFERENCES users(id),
    approved_at INTEGER,
    used_at INTEGER
  );
  CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('rotating', 'service')),
    team_id TEXT NOT NULL REFERENCES teams(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    issued_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    issued_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE api_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    method TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX api_calls_by_method ON api_calls (method);
  `,
  // Apps and hosting. Manifests, scope and file lists are JSON text; app secrets are shown
  // once at creation and never stored; bot tokens are stored as hashes like user tokens.
  `
  CREATE TABLE apps (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    owner_id TEXT NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    manifest TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX apps_by_team ON apps (team_id);
  CREATE TABLE app_collaborators (
    app_id TEXT NOT NULL REFERENCES apps(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'collaborator')),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, user_id)
  );
  CREATE TABLE installs (
    app_id TEXT NOT NULL REFERENCES apps(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    bot_token_hash TEXT NOT NULL,
    bot_scopes TEXT NOT NULL,
    outgoing_domains TEXT NOT NULL,
    installed_by TEXT NOT NULL REFERENCES users(id),
    installed_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, team_id)
  );
  CREATE TABLE uploads (
    key TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id),
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    had_authorization_header INTEGER NOT NULL,
    uploaded_at INTEGER NOT NULL
  );
  CREATE INDEX uploads_by_app ON uploads (app_id);
  CREATE TABLE deployments (
    app_id TEXT NOT NULL REFERENCES apps(id),
    version INTEGER NOT NULL,
    s3_key TEXT NOT NULL,
    runtime TEXT NOT NULL,
    zip_size INTEGER NOT NULL,
    file_count INTEGER NOT NULL,
    files TEXT NOT NULL,
    deployed_by TEXT NOT NULL REFERENCES users(id),
    deployed_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, version)
  );
  `,
  // Datastore items: the item as JSON text, keyed by its primary key value. Queries scan
  // one datastore in id order, which the primary key already gives.
  `
  CREATE TABLE items (
    app_id TEXT NOT NULL REFERENCES apps(id),
    datastore TEXT NOT NULL,
    id TEXT NOT NULL,
    json TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, datastore, id)
  ) WITHOUT ROWID;
  `,
  // Activity logs. \`created\` is in microseconds (the wire's unit); \`id\` orders events that
  // share a microsecond and never goes back (AUTOINCREMENT), so keyset cursors stay valid
  // after purges. Lists read one app's range of (created, id) from the index, newest or oldest first.
  `
  CREATE TABLE activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id TEXT NOT NULL REFERENCES apps(id),
    created INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('trace', 'debug', 'info', 'warn', 'error', 'fatal')),
    event_type TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('slack', 'developer')),
    component_type TEXT NOT NULL,
    component_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    payload TEXT NOT NULL
  );
  CREATE INDEX activities_by_app ON activities (app_id, created, id);
  `,
  // The seeded team's ID, made once per data directory so that two emulators never share one
  // (a login to either would replace the other's). A directory made before this keeps the ID
  // it was seeded with: its logins and projects point at it.
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO settings (key, value) SELECT 'seed_team_id', id FROM teams WHERE id = 'T0EMULATOR';
  `,
  // Hosted environment variables. Values are kept as given: the runtime must hand them to the
  // app's functions, so a hash would not do. Nothing but the functions' context ever reads them.
  `
  CREATE TABLE variables (
    app_id TEXT NOT NULL REFERENCES apps(id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, name)
  ) WITHOUT ROWID;
  `,
  // The workspace's channels (the directory service). IDs are unique across teams, as Slack's
  // are; a name is unique within its team. There is no membership yet: every user of a team sees
  // its channels, private ones included.
  `
  CREATE TABLE channels (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    is_private INTEGER NOT NULL CHECK (is_private IN (0, 1)),
    creator TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (team_id, name)
  );
  `,
  // Triggers. \`definition\` is the validated request as JSON; \`secret\` is the last part of the
  // webhook and shortcut URLs, kept across updates. Access lists are JSON; app_collaborators keeps
  // none (it follows the app's collaborators). Trips are webhook calls recorded for the runner:
  // \`pending\` until it takes them, or \`failed\` when the call could not start the workflow.
  `
  CREATE TABLE triggers (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    type TEXT NOT NULL,
    definition TEXT NOT NULL,
    secret TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    permission_type TEXT NOT NULL CHECK (permission_type IN ('everyone', 'app_collaborators', 'named_entities')),
    access TEXT NOT NULL
  );
  CREATE INDEX triggers_by_app ON triggers (app_id, created_at, id);
  CREATE TABLE trigger_trips (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    app_id TEXT NOT NULL REFERENCES apps(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'failed')),
    data TEXT NOT NULL,
    reason TEXT,
    errors TEXT,
    tripped_at INTEGER NOT NULL
  );
  CREATE INDEX trigger_trips_by_app ON trigger_trips (app_id, id);
  `,
  // Workflow executions. A workflow execution (\`Wx…\`) runs its steps in order; each step is a function
  // execution (\`Fx…\`) with its inputs and outputs as JSON. A trip is taken by inserting its ID into
  // workflow_trip_takes: the primary key makes that happen once, even with two emulators on one database.
  // Execution tokens are stored as hashes like every other token, tied to one function execution and
  // revoked when it ends. Messages are what the send_message, send_dm and reply_in_thread built-ins post.
  `
  CREATE TABLE workflow_executions (
    id TEXT PRIMARY KEY,
    trace_id TEXT NOT NULL,
    app_id TEXT NOT NULL REFERENCES apps(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    trigger_id TEXT NOT NULL,
    trip_id INTEGER,
    callback_id TEXT NOT NULL,
    inputs TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    error TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX workflow_executions_by_app ON workflow_executions (app_id, started_at);
  CREATE TABLE function_executions (
    id TEXT PRIMARY KEY,
    workflow_execution_id TEXT NOT NULL REFERENCES workflow_executions(id),
    app_id TEXT NOT NULL REFERENCES apps(id),
    step_index INTEGER NOT NULL,
    function_ref TEXT NOT NULL,
    inputs TEXT NOT NULL,
    outputs TEXT,
    error TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'timed_out')),
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX function_executions_by_workflow ON function_executions (workflow_execution_id, step_index);
  CREATE TABLE workflow_trip_takes (
    trip_id INTEGER PRIMARY KEY,
    taken_at INTEGER NOT NULL
  );
  CREATE TABLE execution_tokens (
    token_hash TEXT PRIMARY KEY,
    function_execution_id TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    app_id TEXT NOT NULL REFERENCES apps(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    issued_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX execution_tokens_by_function ON execution_tokens (function_execution_id);
  CREATE TABLE workflow_messages (
    channel_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    ts_micros INTEGER NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams(id),
    app_id TEXT NOT NULL REFERENCES apps(id),
    thread_ts TEXT,
    text TEXT,
    blocks TEXT,
    workflow_execution_id TEXT NOT NULL,
    function_execution_id TEXT NOT NULL,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, ts)
  );
  CREATE INDEX workflow_messages_by_channel ON workflow_messages (channel_id, ts_micros);
  `,
  // The occurrences of scheduled triggers the emulator's clock has fired. The primary key makes each
  // occurrence fire once; a trigger's latest row is where its schedule resumes after a restart.
  `
  CREATE TABLE schedule_fires (
    trigger_id TEXT NOT NULL,
    occurrence_at INTEGER NOT NULL,
    fired_at INTEGER NOT NULL,
    PRIMARY KEY (trigger_id, occurrence_at)
  ) WITHOUT ROWID;
  `,
  // The message log becomes the messages service's: what built-ins and chat.postMessage post, one table.
  // A message posted with the app's bot token comes from no execution, so those columns may be empty;
  // the rows built-ins posted before are kept. Reactions are one row per message, name and user. User
  // groups (the directory's) exist only once a test makes one; their members are a table of their own.
  // A person's message (a message_posted event sent through the control endpoint) has no app: user_id says who.
  `
  CREATE TABLE messages (
    channel_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    ts_micros INTEGER NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams(id),
    app_id TEXT REFERENCES apps(id),
    user_id TEXT,
    thread_ts TEXT,
    text TEXT,
    blocks TEXT,
    workflow_execution_id TEXT,
    function_execution_id TEXT,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, ts)
  );
  INSERT INTO messages (channel_id, ts, ts_micros, team_id, app_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at)
    SELECT channel_id, ts, ts_micros, team_id, app_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at FROM workflow_messages;
  DROP TABLE workflow_messages;
  CREATE INDEX messages_by_channel ON messages (channel_id, ts_micros);
  CREATE INDEX messages_by_time ON messages (ts_micros);
  CREATE TABLE message_reactions (
    channel_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    name TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reacted_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, ts, name, user_id),
    FOREIGN KEY (channel_id, ts) REFERENCES messages(channel_id, ts)
  );
  CREATE TABLE usergroups (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    handle TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (team_id, handle)
  );
  CREATE TABLE usergroup_members (
    usergroup_id TEXT NOT NULL REFERENCES usergroups(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (usergroup_id, user_id)
  ) WITHOUT ROWID;
  `,
  // A listing of one component (rosi activity --component-id, a function's or a datastore's entries) reads only
  // its rows, not every other component's in the window: the same order as activities_by_app, within the component.
  `
  CREATE INDEX activities_by_component ON activities (app_id, component_id, created, id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION; refuses one written by a newer rosi. */
export function migrate(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new EmulatorError(
      'emulator_data_too_new',
      `The emulator database was written by a newer rosi (schema ${current}; this one knows ${SCHEMA_VERSION})`,
      {
        hint: 'Upgrade rosi, or point --data-dir at another folder.',
      },
    );
  }
  if (current === SCHEMA_VERSION) return;
  // The migrations due and the new version in one exec, in one transaction: a new database (every in-memory
  // one) is made in one call into SQLite.
  const due = MIGRATIONS.slice(current).join('\n');
  db.transaction(() => db.exec(`${due}\nDELETE FROM schema_version;\nINSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION});`))();
}
