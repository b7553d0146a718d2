// The main job, end to end, on the embedded emulator: start it, log in through the real ticket flow,
// deploy the sample app (examples/hello-rosi, written with the Deno SDK), set its variable and create its
// triggers, call its webhook and watch the workflow run (its function in Deno, then send_message): the
// activity and trace of that execution, the task it stored, the message it posted; then a failing execution
// and the scheduled workflow; then the datastore commands and the activity log, and log out. Every command
// (rosi's and curl's) is printed before it runs, complete. Everything lives in a temporary folder: ~/.slack
// is never touched. It ends by printing the app's page in the emulator's console; with --keep
// (`npm run demo -- --keep`) the emulator stays up until Ctrl-C, so those pages can be opened.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/rosi.js', import.meta.url));
const USAGE = 'Usage: npm run demo [-- --keep]   (--keep: leave the emulator running until Ctrl-C, to look around its console)';
const args = process.argv.slice(2);
if (args.some((a) => a !== '--keep')) {
  process.stderr.write(`Unknown argument ${args.find((a) => a !== '--keep')}. ${USAGE}\n`);
  process.exit(2);
}
const keep = args.includes('--keep');

// The demo runs on the emulator. Its database is Node's own node:sqlite from Node 22.13 on;
// before that it is better-sqlite3, an optional native module that `npm ci` leaves out when it
// cannot build it. Check that first and, if it is missing, say why and what to run in one
// paragraph (rosi's own diagnosis) instead of failing halfway.
const [major, minor] = process.versions.node.split('.').map(Number);
const nodeSqlite = major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13);
try {
  if (!nodeSqlite || process.env.ROSI_EMULATOR_SQLITE === 'better-sqlite3') {
    const Database = createRequire(BIN)('better-sqlite3');
    new Database(':memory:').close();
  }
} catch {
  const r = spawnSync(process.execPath, [BIN, 'emulator', '--in-memory', '--port', '0', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    timeout: 20_000,
  });
  let error;
  try {
    error = JSON.parse(r.stderr.trim().split('\n').pop()).error;
  } catch {
    error = { message: 'The emulator needs better-sqlite3, which could not be loaded', hint: r.stderr.trim() };
  }
  process.stdout.write(`The demo stopped before its first step, as it runs on rosi's emulator. ${error.message}. ${error.hint ?? ''}\n`);
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'rosi-demo-'));
const env = {
  ...process.env,
  HOME: root,
  SLACK_CONFIG_DIR: join(root, 'slack-config'),
  ROSI_DATA_DIR: join(root, 'rosi-data'),
  CI: '',
};
delete env.ROSI_TOKEN;
delete env.SLACK_SERVICE_TOKEN;
delete env.ROSI_APIHOST;

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);
const step = (text) => process.stdout.write(`\n${bold(`== ${text}`)}\n`);

/** Quotes a word the way a reader would type it into a POSIX shell. */
const shellWord = (w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);

/** Runs `rosi …`, echoing the command and its output; fails the demo on a wrong exit code. */
function rosi(args, { expect = 0, quiet = false, echo = true, cwd = root } = {}) {
  if (echo) process.stdout.write(`${bold('$')} ${cwd === root ? '' : `(cd ${cwd.slice(root.length + 1)}) `}rosi ${args.map(shellWord).join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stdout.write(d));
    child.on('close', (code) => (code === expect ? resolve(out) : reject(new Error(`rosi ${args.join(' ')} exited ${code}, expected ${expect}`))));
  });
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  process.stdout.write(`   ✓ ${what}\n`);
}

async function startEmulator() {
  // --control turns on the emulator's /__emulator/ endpoints: the demo reads the posted messages there.
  const args = ['emulator', '--port', '0', '--control', '--json'];
  process.stdout.write(`${bold('$')} rosi ${args.join(' ')} &\n`);
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => process.stdout.write(d));
  const line = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { child, url: JSON.parse(line).url };
}

/** Approves a ticket the way a person does on the approval page: the same form post. */
async function approveInBrowser(url, slashCommand) {
  process.stdout.write(`   (in the browser: open ${url}/approve, paste "${slashCommand}", press Approve)\n`);
  const res = await fetch(`${url}/approve`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ ticket: slashCommand, decision: 'approve' }),
  });
  const html = await res.text();
  const code = html.match(/data-testid="challenge-code">([^<]+)</)?.[1];
  if (!res.ok || !code) throw new Error(`the approval page did not show a challenge code (HTTP ${res.status})`);
  process.stdout.write(`   (the page shows the challenge code ${code})\n`);
  return code;
}

/** Calls a URL as the printed curl command does (a JSON POST when there is a body), echoing both; the parsed answer. */
async function curl(url, body) {
  const json = body === undefined ? undefined : JSON.stringify(body);
  const words = json === undefined ? ['curl', url] : ['curl', '-X', 'POST', '-H', 'content-type: application/json', '-d', json, url];
  process.stdout.write(`${bold('$')} ${words.map(shellWord).join(' ')}\n`);
  const res = await fetch(url, json === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
  const text = await res.text();
  process.stdout.write(`${text}\n`);
  return { status: res.status, answer: JSON.parse(text) };
}

/** What the app's workflows posted in a channel, as `rosi emulator messages` prints it; the texts, oldest first. */
async function showMessages(cwd, channel) {
  await rosi(['emulator', 'messages', '--channel', channel], { cwd });
  const entries = JSON.parse(await rosi(['emulator', 'messages', '--channel', channel, '--json'], { cwd, quiet: true, echo: false }));
  return entries.map((m) => m.text);
}

/**
 * Waits until `count` workflow executions of the app have ended; the newest one's trace, whether it failed, and
 * why (its failed step's error). Read from the emulator's control endpoint: a cheap look every 100 ms, where
 * asking the activity log would start a rosi process each time.
 */
async function runEnded(url, appId, count) {
  for (let i = 0; i < 300; i++) {
    const { executions } = await (await fetch(`${url}/__emulator/executions?app_id=${appId}`)).json();
    const newest = executions[0];
    if (executions.length >= count && newest.status !== 'running') {
      const reason = newest.steps.find((s) => s.error !== undefined)?.error ?? newest.error ?? '';
      return { trace: newest.trace_id, failed: newest.status !== 'completed', reason };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the workflow did not end within 30 s');
}

/** --keep: the console's pages worth opening, then wait for Ctrl-C (or the emulator's own end). */
async function keepRunning(emulator, appId) {
  const pages = [
    ['The app', `/apps/${appId}`],
    ['Its activity', `/apps/${appId}/activity`],
    ['Its datastore', `/apps/${appId}/datastores/tasks`],
    ['The messages', '/messages'],
  ];
  process.stdout.write(`\n${bold('The emulator keeps running (--keep) until Ctrl-C.')} Its console:\n`);
  for (const [what, path] of pages) process.stdout.write(`   ${what.padEnd(14)} ${emulator.url}${path}\n`);
  await new Promise((resolve) => {
    // Ctrl-C is how --keep ends: the demo still stops the emulator and removes its folder.
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    emulator.child.once('exit', resolve);
  });
}

let emulator;
try {
  step('Start the emulator (temporary data folder, a free port)');
  emulator = await startEmulator();
  const api = ['--apihost', emulator.url];

  step('Log in with the split ticket flow');
  const ticket = JSON.parse(await rosi(['login', '--no-prompt', '--json', ...api]));
  check(ticket.slash_command.startsWith('/slackauthticket '), 'a /slackauthticket command was printed');
  const challenge = await approveInBrowser(emulator.url, ticket.slash_command);
  await rosi(['login', '--ticket', ticket.ticket, '--challenge', challenge, ...api]);

  step('Inspect the login');
  await rosi(['auth', 'list']);
  const logins = JSON.parse(await rosi(['auth', 'list', '--json'], { quiet: true }));
  check(logins.length === 1 && logins[0].api_host === emulator.url && logins[0].rotatable, 'one refreshable login, bound to the emulator');
  const status = JSON.parse(await rosi(['auth', 'status', '--json']));
  check(status.team_id === logins[0].team_id, 'the token works (auth.test)');
  await rosi(['auth', 'status', '--require-valid-for', '13h'], { expect: 4 });
  check(true, 'a 12-hour token does not satisfy --require-valid-for 13h (exit 4)');

  step('Deploy the sample app (examples/hello-rosi, written with the Deno SDK)');
  const app = join(root, 'hello-rosi');
  cpSync(fileURLToPath(new URL('../examples/hello-rosi', import.meta.url)), app, { recursive: true });
  await rosi(['deploy', '--dry-run'], { cwd: app });
  const deployed = JSON.parse(await rosi(['deploy', '--json'], { cwd: app }));
  check(deployed.created && /^A[A-Z0-9]+$/.test(deployed.app_id), `deployed: created app ${deployed.app_id} and uploaded ${deployed.file_count} files`);
  const again = JSON.parse(await rosi(['deploy', '--json'], { cwd: app, quiet: true }));
  check(again.app_id === deployed.app_id && !again.created, 'a second deploy updates the same app');

  step('Configure it: an environment variable and two triggers');
  await rosi(['env', 'set', 'GREETING', 'Bonjour'], { cwd: app });
  const vars = JSON.parse(await rosi(['env', 'list', '--json'], { cwd: app }));
  check(vars.variable_names.includes('GREETING'), 'the app has GREETING (its value never comes back)');
  await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts'], { cwd: app });
  await rosi(['trigger', 'create', '--trigger-def', 'triggers/daily_summary.ts'], { cwd: app });
  await rosi(['trigger', 'list'], { cwd: app });
  const { triggers } = JSON.parse(await rosi(['trigger', 'list', '--json'], { cwd: app, quiet: true }));
  const webhook = triggers.find((t) => t.type === 'webhook');
  const scheduled = triggers.find((t) => t.type === 'scheduled');
  check(triggers.length === 2 && webhook && scheduled, 'both triggers belong to the app');
  check(typeof scheduled.next_run === 'string', `the scheduled trigger runs next at ${scheduled.next_run}`);

  step('Greet Ada in #general through the webhook');
  const greeted = await curl(webhook.webhook_url, { kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' });
  check(greeted.status === 200 && greeted.answer.ok === true, "the webhook URL accepts the call, as Slack's does");

  step('The workflow runs: greet in Deno, then send_message; its activity and its trace');
  const run = await runEnded(emulator.url, deployed.app_id, 1);
  const denoMissing = run.failed && /Deno/.test(run.reason);
  if (run.failed && !denoMissing) throw new Error(`the workflow failed: ${run.reason}`);
  if (denoMissing) {
    process.stdout.write(`   (the emulator runs functions in Deno, which is not installed here: ${run.reason})\n`);
  } else {
    await rosi(['activity', '--trace-id', run.trace], { cwd: app });
    await rosi(['activity', 'trace', run.trace], { cwd: app });
    check(true, `workflow completed: trace ${run.trace}`);

    step('The task greet stored with its client');
    const found = JSON.parse(await rosi(['datastore', 'query', '--datastore', 'tasks', '--where', 'owner = "Ada"', '--json'], { cwd: app }));
    check(found.items.length === 1 && found.items[0].title === 'Follow up with Ada', 'the item: a task "Follow up with Ada", not done');

    step('The message send_message posted');
    const posted = await showMessages(app, 'C0GENERAL');
    check(posted.includes('Bonjour, Ada! 👋'), 'the message: "Bonjour, Ada! 👋" in #general, greeted with the app\'s GREETING');

    step('A failing execution: rosi trigger run calls the webhook with an empty name');
    await rosi(['trigger', 'run', '--trigger-id', webhook.id, '--inputs', JSON.stringify({ kind: 'greeting', name: '', channel: 'C0GENERAL' })], { cwd: app });
    const failing = await runEnded(emulator.url, deployed.app_id, 2);
    await rosi(['activity', 'trace', failing.trace], { cwd: app });
    check(failing.failed && failing.reason === 'A name is needed', `the failing execution's error: "${failing.reason}"`);

    step('The scheduled trigger, fired now instead of at its next run');
    await rosi(['trigger', 'run', '--trigger-id', scheduled.id], { cwd: app });
    const summary = await runEnded(emulator.url, deployed.app_id, 3);
    await rosi(['activity', 'trace', summary.trace], { cwd: app });
    const messages = await showMessages(app, 'C0GENERAL');
    check(
      !summary.failed && messages.at(-1) === 'Good morning! 1 open task to follow up.',
      'daily_summary counted the open tasks; send_message posted the count',
    );
    check(messages.length === 2, 'the failing execution posted nothing');
  }

  step("Store and find items in the app's datastore");
  await rosi(['datastore', 'put', '--datastore', 'tasks', '--item', '{"id":"1","title":"Try rosi","owner":"ana","done":true}'], { cwd: app });
  await rosi(['datastore', 'put', '{"datastore":"tasks","item":{"id":"2","title":"Write docs","owner":"ana","done":false}}'], { cwd: app });
  await rosi(['datastore', 'get', '2', '--datastore', 'tasks'], { cwd: app });
  const open = JSON.parse(await rosi(['datastore', 'query', '--datastore', 'tasks', '--where', 'owner = "ana" and done = false', '--json'], { cwd: app }));
  check(open.items.length === 1 && open.items[0].id === '2', 'the query finds the one open task');

  step('Import a JSON Lines file, count and export');
  const file = join(app, 'tasks.jsonl');
  writeFileSync(
    file,
    Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `imported-${i}`, title: `Task ${i}`, owner: i % 2 ? 'ana' : 'bo', done: i % 3 === 0 })).join(
      '\n',
    ) + '\n',
  );
  await rosi(['datastore', 'import', 'tasks', 'tasks.jsonl'], { cwd: app });
  const count = JSON.parse(await rosi(['datastore', 'count', '--datastore', 'tasks', '--where', 'owner = "bo"', '--json'], { cwd: app }));
  check(count.count === 30, 'half of the 60 imported tasks belong to bo');
  const exported = await rosi(['datastore', 'export', 'tasks'], { cwd: app, quiet: true });
  const all = denoMissing ? 62 : 63; // with the task greet stored for Ada
  check(exported.trim().split('\n').length === all, `the export holds all ${all} items`);

  step('Read the activity log');
  await rosi(['activity', '--limit', '8'], { cwd: app });
  const log = (await rosi(['activity', '--limit', '0', '--json'], { cwd: app, quiet: true }))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  check(
    log.some((a) => a.event_type === 'function_deployment'),
    'the deploys are in the log',
  );
  check(log.filter((a) => a.event_type === 'datastore_request_result').length >= 5, 'so is every datastore request');
  await rosi(['activity', '--event', 'datastore_request_result', '--search', 'count', '--since', '1h'], { cwd: app });
  const last = log[log.length - 1];
  await rosi(['activity', 'trace', last.trace_id], { cwd: app });

  step('Log out');
  await rosi(['logout']);
  await rosi(['auth', 'status', ...api], { expect: 4 });
  check(true, 'logged out: auth status exits 4');

  process.stdout.write(`\n${bold('Demo finished: every step did what it should.')}\n`);
  process.stdout.write(`The app in the emulator's console: ${emulator.url}/apps/${deployed.app_id}\n`);
  if (keep) await keepRunning(emulator, deployed.app_id);
  else process.stdout.write('(The emulator stops now; `npm run demo -- --keep` leaves it running to look around.)\n');
} catch (e) {
  process.stdout.write(`\nDemo failed: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  if (emulator && emulator.child.exitCode === null && emulator.child.signalCode === null) {
    const exited = new Promise((r) => emulator.child.once('exit', r));
    emulator.child.kill('SIGTERM');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
}
