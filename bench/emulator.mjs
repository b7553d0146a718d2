// The emulator's read path and its launch, each as a ratio to a floor measured in the same run, interleaved
// (A B A B …): a full filtered scan with apps.datastore.query (pages of 1,000, following cursors) against
// apps.datastore.count with the same filter, over 20,000 and 100,000 items, and both against the same SQL run
// directly on the emulator's database (its --data-dir file opened read-only by this process, with the driver
// the emulator runs, through the emulator's own statements: the filter compiled by its compileFilter, the
// page read by its DatastoreStore); and `rosi emulator --port 0 --ephemeral` from spawn to its first HTTP
// answer against a bare node:http child started the same way.
// With --before <folder> (another build of rosi, e.g. the previous commit's), that build runs in the same
// rounds, so before and after are compared on the same machine under the same load.
// Usage: node bench/emulator.mjs [--write] [--before <folder>] [--only read|launch]
//   (build first: npm run build; --write updates RESULTS.md; --only runs one half, and never writes)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bareEnv, buildsToRun, login, markdownTable, MAX_SPREAD, median, quantile, replaceSection, writeFileAtomic } from './lib.mjs';

const TITLE = 'The emulator: read path and launch';
const APP = 'A0EMULATOR1';
const SCANS = 15;
const LAUNCHES = 21;
const PAGE = 1000;
const FILTER = {
  expression: '#status = :status AND #n >= :n',
  expression_attributes: { '#status': 'status', '#n': 'n' },
  expression_values: { ':status': 'done', ':n': 500 },
};
const manifest = {
  display_information: { name: 'bench-emulator' },
  settings: { function_runtime: 'slack' },
  oauth_config: { scopes: { bot: ['datastore:read', 'datastore:write'] } },
  datastores: {
    items: {
      primary_key: 'id',
      attributes: {
        id: { type: 'string' },
        name: { type: 'string' },
        n: { type: 'integer' },
        status: { type: 'string' },
        tags: { type: 'array' },
        meta: { type: 'object' },
      },
    },
  },
};

function item(i) {
  const statuses = ['todo', 'doing', 'done'];
  return {
    id: `item-${String(i).padStart(7, '0')}`,
    name: `Item number ${i} – “bench”`,
    n: (i * 7919) % 1000,
    status: statuses[i % 3],
    tags: ['bench', `t${i % 17}`],
    meta: { owner: 'U0EMULATOR', batch: Math.floor(i / 25) },
  };
}

/** A child that prints its URL as its first stdout line; `ready` resolves to it once it has answered one request. */
function spawnServer(args, env, cwd, firstRequest) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${log}`))));
  exited.catch(() => {});
  const ready = Promise.race([
    exited,
    new Promise((done) => createInterface({ input: child.stdout }).once('line', done)).then(async (line) => {
      const url = line.trim().startsWith('{') ? JSON.parse(line).url : line.trim();
      const res = await fetch(`${url}${firstRequest}`, { method: 'POST' });
      await res.text();
      return { url, ms: performance.now() - t0 };
    }),
  ]);
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { ready, stop, child };
}

const BARE_HTTP =
  "const s = require('node:http').createServer((q, r) => r.end('{\"ok\":true}')); s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port));";

/** Spawn to first answer, stopped afterwards. */
async function launchOnce(args, env, cwd, firstRequest) {
  const s = spawnServer(args, env, cwd, firstRequest);
  try {
    return (await s.ready).ms;
  } finally {
    await s.stop();
  }
}

/** Every matching item through query pages of 1,000, following cursors; milliseconds and the number found. */
async function fullScan(url, token) {
  const t0 = performance.now();
  let cursor;
  let found = 0;
  do {
    const body = await call(url, token, 'apps.datastore.query', { app_id: APP, datastore: 'items', ...FILTER, limit: PAGE, ...(cursor ? { cursor } : {}) });
    found += body.items.length;
    cursor = body.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return { ms: performance.now() - t0, found };
}

async function countOnce(url, token) {
  const t0 = performance.now();
  const body = await call(url, token, 'apps.datastore.count', { app_id: APP, datastore: 'items', ...FILTER });
  return { ms: performance.now() - t0, found: body.count };
}

async function call(url, token, method, params) {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(params),
  });
  const body = await res.json();
  if (body.ok !== true) throw new Error(`${method}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/**
 * An emulator of the build `bin` on a data folder of its own, with the bench's app deployed, `n` items in its
 * datastore and a signed-in token; `database` is its SQLite file and `driver` the binding it runs.
 */
async function seededEmulator(bin, n) {
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-emulator-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  const env = bareEnv(home);
  const manifestFile = join(tmp, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const dataDir = join(tmp, 'data');
  const emu = spawnServer(
    [bin, 'emulator', '--port', '0', '--data-dir', dataDir, '--control', '--json', '--manifest', manifestFile],
    env,
    home,
    '/api/api.test',
  );
  const started = new Promise((done) => createInterface({ input: emu.child.stdout }).once('line', (line) => done(JSON.parse(line))));
  const stop = async () => {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const { url } = await emu.ready;
    const { sqlite } = await started;
    await login(url, env, home);
    const creds = JSON.parse(readFileSync(join(home, '.slack', 'credentials.json'), 'utf8'));
    const token = Object.values(creds)[0].token;
    for (let i = 0; i < n; i += 25) {
      const items = Array.from({ length: Math.min(25, n - i) }, (_, k) => item(i + k));
      await call(url, token, 'apps.datastore.bulkPut', { app_id: APP, datastore: 'items', items });
    }
    return { url, token, stop, pid: emu.child.pid, database: join(dataDir, 'emulator.db'), driver: sqlite };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The emulator's own SQL for the bench's filter, from this checkout's sources: compileFilter (what count and
 * query put in their statements) and DatastoreStore (the statements of a page), bundled for this process.
 */
async function emulatorSql() {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = await build({
    stdin: {
      contents:
        "export { compileFilter } from './src/emulator/datastore/expression/index.ts';\n" +
        "export { DatastoreStore } from './src/emulator/datastore/datastore-store.ts';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'rosi-bench-sql-')), 'sql.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  const mod = await import(pathToFileURL(file).href);
  const { sql } = mod.compileFilter({
    expression: FILTER.expression,
    attributes: FILTER.expression_attributes,
    values: FILTER.expression_values,
    primaryKey: 'id',
  });
  if (!sql?.exact) throw new Error('the bench filter is not one SQLite judges exactly: choose another');
  return { DatastoreStore: mod.DatastoreStore, where: sql.where, params: sql.params };
}

/** The emulator's database opened read-only by this process, with the binding the emulator runs. */
async function readOnly(database, driver) {
  if (driver === 'node') {
    const { DatabaseSync } = await import('node:sqlite');
    return new DatabaseSync(database, { readOnly: true });
  }
  const { createRequire } = await import('node:module');
  const Database = createRequire(import.meta.url)('better-sqlite3');
  return new Database(database, { readonly: true });
}

/**
 * The floors: what count and a full query scan cost in SQLite alone, run here on the emulator's own file:
 * count's statement, and each page's three (where it ends, its matches as one JSON array, whether more follow).
 */
async function sqlFloors(emu, sql) {
  const db = await readOnly(emu.database, emu.driver);
  const store = new sql.DatastoreStore(db);
  const count = () => {
    const t0 = performance.now();
    const found = store.countWhere(APP, 'items', sql.where, sql.params);
    return { ms: performance.now() - t0, found };
  };
  const scan = (check = false) => {
    const t0 = performance.now();
    let after = '';
    let found = 0;
    for (;;) {
      const end = store.pageEnd(APP, 'items', after, PAGE);
      const page = store.pageSummary(APP, 'items', after, end, sql.where, sql.params);
      if (check && page.matches) found += JSON.parse(Buffer.from(page.matches).toString('utf8')).length;
      if (end === undefined || !store.hasAfter(APP, 'items', end)) break;
      after = end;
    }
    return { ms: performance.now() - t0, found };
  };
  return { count, scan, close: () => db.close() };
}

/**
 * One figure: the medians of both sides, their ratio, and the spread of the per-round ratios (p10–p90).
 * When that spread is too wide the ratio is withheld: the row says so and how to rerun.
 */
function ratioRow(figure, target, a, b, floorName) {
  const ratios = a.map((x, i) => x / b[i]);
  const ratio = median(a) / median(b);
  const lo = quantile(ratios, 0.1);
  const hi = quantile(ratios, 0.9);
  const spread = (hi - lo) / median(ratios);
  const trusted = spread <= MAX_SPREAD;
  const ms = (xs) => `${median(xs).toFixed(1)} ms (p10 ${quantile(xs, 0.1).toFixed(1)}, p90 ${quantile(xs, 0.9).toFixed(1)})`;
  return {
    figure,
    target: target === undefined ? undefined : `≤ ${target}× ${floorName}`,
    measured: `${ms(a)}; ${floorName} ${ms(b)}`,
    ratio: trusted
      ? `${ratio.toFixed(2)}× (per round p10–p90 ${lo.toFixed(2)}–${hi.toFixed(2)})`
      : `not reported: per-round ratios spread ${lo.toFixed(2)}–${hi.toFixed(2)} (${(spread * 100).toFixed(0)}% > ${MAX_SPREAD * 100}%); rerun on a quieter machine`,
    // A ratio too noisy to trust is neither a pass nor a failure: the section says so, and how to rerun.
    pass: target === undefined || !trusted ? undefined : ratio <= target,
    trusted,
  };
}

/**
 * Query vs count over `n` items, for each build, interleaved round by round with the SQL floors read from that
 * build's database: query/count (the target), count over its SQL, and query over its pages' SQL.
 */
async function readPath(builds, n, sql) {
  const rows = [];
  const emus = [];
  try {
    for (const b of builds) {
      const entry = { ...b, emu: await seededEmulator(b.bin, n) };
      emus.push(entry);
      entry.floors = await sqlFloors(entry.emu, sql);
    }
    for (const { emu, floors } of emus) {
      // Warm-up: the statements prepared, the pages in SQLite's cache, the JIT past its first tiers.
      for (let i = 0; i < 3; i++) {
        await fullScan(emu.url, emu.token);
        await countOnce(emu.url, emu.token);
        floors.count();
        floors.scan();
      }
      // The floors read what the emulator reads.
      const c = floors.count().found;
      const q = floors.scan(true).found;
      const e = (await countOnce(emu.url, emu.token)).found;
      if (c !== e || q !== e) throw new Error(`the SQL floors found ${c} and ${q} items, the emulator ${e}`);
    }
    const samples = emus.map(() => ({ query: [], count: [], sqlCount: [], sqlScan: [] }));
    let matched;
    for (let r = 0; r < SCANS; r++) {
      for (const [k, { emu, floors }] of emus.entries()) {
        const q = await fullScan(emu.url, emu.token);
        const c = await countOnce(emu.url, emu.token);
        if (q.found !== c.found) throw new Error(`query found ${q.found} items, count ${c.found}`);
        matched = c.found;
        samples[k].query.push(q.ms);
        samples[k].count.push(c.ms);
        samples[k].sqlCount.push(floors.count().ms);
        samples[k].sqlScan.push(floors.scan().ms);
      }
    }
    for (const [k, { label }] of emus.entries()) {
      const what = `${n.toLocaleString('en')} items, ${matched.toLocaleString('en')} match; median of ${SCANS}`;
      const s = samples[k];
      rows.push(
        ratioRow(
          `emulator${label}: apps.datastore.query full filtered scan, pages of ${PAGE} (${what})`,
          label === '' ? 1.5 : undefined,
          s.query,
          s.count,
          'count',
        ),
        ratioRow(`emulator${label}: apps.datastore.count, same filter (${what})`, undefined, s.count, s.sqlCount, 'its SQL alone'),
        ratioRow(`emulator${label}: apps.datastore.query full scan (${what})`, undefined, s.query, s.sqlScan, 'its pages’ SQL alone'),
      );
    }
  } finally {
    for (const { emu, floors } of emus) {
      floors?.close();
      await emu.stop();
    }
  }
  return rows;
}

/** Launch → first answer for each build, interleaved with the bare node:http child. */
async function launches(builds) {
  const home = mkdtempSync(join(tmpdir(), 'rosi-bench-launch-'));
  const env = bareEnv(home);
  try {
    const floor = [];
    const each = builds.map(() => []);
    const bare = () => launchOnce(['-e', BARE_HTTP], env, home, '/');
    const rosiLaunch = (bin) => launchOnce([bin, 'emulator', '--port', '0', '--ephemeral'], env, home, '/api/api.test');
    for (let i = 0; i < 2; i++) {
      await bare();
      for (const b of builds) await rosiLaunch(b.bin);
    }
    for (let r = 0; r < LAUNCHES; r++) {
      for (const [k, b] of builds.entries()) {
        floor.push(await bare());
        each[k].push(await rosiLaunch(b.bin));
      }
    }
    // Each build is paired with the floor run just before it in the same round.
    return builds.map((b, k) => {
      const ownFloor = floor.filter((_, i) => i % builds.length === k);
      return ratioRow(
        `emulator${b.label}: rosi emulator --port 0 --ephemeral, spawn → first answer (median of ${LAUNCHES})`,
        b.label === '' ? 1.5 : undefined,
        each[k],
        ownFloor,
        'bare node:http child',
      );
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** `--only read` or `--only launch`: one half of the bench; undefined runs both. */
function onlyPart(argv = process.argv) {
  const at = argv.indexOf('--only');
  if (at < 0) return undefined;
  const part = argv[at + 1];
  if (part !== 'read' && part !== 'launch') throw new Error(`--only takes read or launch, not ${part ?? 'nothing'}`);
  return part;
}

export async function bench() {
  const builds = buildsToRun();
  const only = onlyPart();
  const rows = [];
  if (only !== 'launch') {
    const sql = await emulatorSql();
    for (const n of [20_000, 100_000]) rows.push(...(await readPath(builds, n, sql)));
  }
  if (only !== 'read') rows.push(...(await launches(builds)));
  return rows;
}

export function section(rows) {
  const on =
    `Measured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}; every child started without NODE_OPTIONS ` +
    `and NODE_EXTRA_CA_CERTS (both sides of every ratio), rosi's emulator on a data folder for the read path (its SQL floors read that file, read-only, in the bench's process), --ephemeral for launch. Ratios are median over median, floor measured in the same ` +
    `rounds, interleaved; a ratio whose per-round spread (p10–p90) exceeds ${MAX_SPREAD * 100}% of its median is not reported.`;
  const untrusted = rows.filter((r) => r.trusted === false).length;
  const verdict = untrusted
    ? `${untrusted} figure(s) too noisy to report on this run: rerun when the machine is quiet.`
    : `Targets: ${rows.filter((r) => r.pass === true).length} of ${rows.filter((r) => r.pass !== undefined).length} hold on this run.`;
  return `## ${TITLE}\n\n${on}\n\n${markdownTable(rows)}\n\n${verdict}\n\nRerun: \`npm run build && node bench/emulator.mjs --write\` (\`--before <folder>\` adds another build of rosi to the same rounds).\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await bench();
  const text = section(rows);
  process.stdout.write(text);
  // Half a bench would leave the other half's figures in RESULTS.md from another run.
  if (process.argv.includes('--write') && onlyPart() === undefined) {
    const file = fileURLToPath(new URL('RESULTS.md', import.meta.url));
    writeFileAtomic(file, replaceSection(readFileSync(file, 'utf8'), TITLE, text));
  }
}
