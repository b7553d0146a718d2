// `rosi datastore import` of 100,000 JSON Lines items into the emulator, next to a minimal script
// posting the same 25-item batches with the same concurrency (the floor); then `export -o` of them
// as a ratio to a raw paging script (apps.datastore.query, pages of 1,000, the same token) writing the
// same bytes to a file, interleaved round by round (with --before <folder>, that build of rosi runs in
// the same rounds); `count --where` over them against a bare Node process making the same apps.datastore.count
// call, interleaved; and import/export at 200,000 items to show memory stays flat.
// Usage: node bench/datastore.mjs [runs] [--before <folder>]   (build first: npm run build)
//        node bench/datastore.mjs --floor <url> <app> <datastore> <file> <concurrency>   (the import floor; token in ROSI_BENCH_TOKEN)
//        node bench/datastore.mjs --export-floor <url> <app> <datastore> <file>   (the export floor; token in ROSI_BENCH_TOKEN)
//        node bench/datastore.mjs --count-floor <url> <app> <datastore>   (the count floor; token in ROSI_BENCH_TOKEN)
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  BIN,
  buildsToRun,
  interleaved,
  login,
  markdownTable,
  measured,
  median,
  ratioRow,
  requireGnuTime,
  roundsArg,
  savedToken,
  startEmulator,
  timedRss as timed,
} from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const APP = 'A0EMULATOR1';
const ITEMS = 100_000;
// rosi import's default number of batches in flight; the floor uses the same.
const CONCURRENCY = 4;
const WHERE = 'status = "done" and n >= 500';
/** What rosi's `--where` compiler sends for WHERE (src/datastore/where.ts): the count floor sends the same. */
const WHERE_EXPRESSION = {
  expression: '#status = :v0 AND #n >= :v1',
  expression_attributes: { '#status': 'status', '#n': 'n' },
  expression_values: { ':v0': 'done', ':v1': 500 },
};
/** rosi's import time over the bare bulkPut script's: at most 1.25×, i.e. at least 0.8× its rate. */
const IMPORT_TARGET = 1.25;
/** `rosi datastore count`, a quick command, over one bare Node process making the same call. */
const COUNT_TARGET = 1.6;
// rosi export's page: datastore/export.ts EXPORT_PAGE_SIZE.
const EXPORT_PAGE = 1000;

const attributes = {
  id: { type: 'string' },
  name: { type: 'string' },
  n: { type: 'integer' },
  status: { type: 'string' },
  tags: { type: 'array' },
  meta: { type: 'object' },
};
const manifest = {
  display_information: { name: 'bench-datastore' },
  settings: { function_runtime: 'slack' },
  oauth_config: { scopes: { bot: ['datastore:read', 'datastore:write'] } },
  datastores: { items: { primary_key: 'id', attributes }, double: { primary_key: 'id', attributes } },
};

/** `count` items of about 170 bytes each, as JSON Lines, written as a stream. */
async function makeItems(file, count) {
  const out = createWriteStream(file);
  const statuses = ['todo', 'doing', 'done'];
  for (let i = 0; i < count; i++) {
    const item = {
      id: `item-${String(i).padStart(7, '0')}`,
      name: `Item number ${i} – “bench”`,
      n: (i * 7919) % 1000,
      status: statuses[i % 3],
      tags: ['bench', `t${i % 17}`],
      meta: { owner: 'U0EMULATOR', batch: Math.floor(i / 25) },
    };
    if (!out.write(`${JSON.stringify(item)}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

function lineCount(file) {
  const bytes = readFileSync(file);
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** Wall milliseconds of one command, by the clock here (GNU time rounds to 10 ms). */
function wallMs(cmd, args, opts) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, stdout: r.stdout };
}

/**
 * The floor: read lines, post them 25 to a bulkPut with `concurrency` calls in flight, and
 * nothing else: no parsing, no checks, no failures file, no progress.
 */
async function floor([url, app, datastore, file, concurrency]) {
  const token = process.env.ROSI_BENCH_TOKEN;
  const running = new Set();
  const post = async (lines) => {
    const res = await fetch(`${url}/api/apps.datastore.bulkPut`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: `{"app_id":${JSON.stringify(app)},"datastore":${JSON.stringify(datastore)},"items":[${lines.join(',')}]}`,
    });
    const body = await res.json();
    if (body.ok !== true) throw new Error(`bulkPut: ${JSON.stringify(body).slice(0, 300)}`);
  };
  let batch = [];
  const flush = async () => {
    while (running.size >= Number(concurrency)) await Promise.race(running);
    const p = post(batch).finally(() => running.delete(p));
    running.add(p);
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    batch.push(line);
    if (batch.length === 25) await flush();
  }
  if (batch.length > 0) await flush();
  await Promise.all(running);
}

/**
 * The export floor: page apps.datastore.query to the end as rosi's export does (JSON POST, pages of 1,000, Bearer
 * token) and write each item as a JSON line to `file`, waiting when the file's stream is full. Nothing else: no
 * schema, no checkpoint, no progress, no read-ahead.
 */
async function exportFloor([url, app, datastore, file]) {
  const token = process.env.ROSI_BENCH_TOKEN;
  const out = createWriteStream(file);
  const write = (text) => new Promise((done) => (out.write(text) ? done() : out.once('drain', done)));
  let cursor;
  do {
    const res = await fetch(`${url}/api/apps.datastore.query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ app_id: app, datastore, limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) }),
    });
    const body = await res.json();
    if (body.ok !== true) throw new Error(`apps.datastore.query: ${JSON.stringify(body).slice(0, 300)}`);
    let text = '';
    for (const item of body.items) text += `${JSON.stringify(item)}\n`;
    await write(text);
    cursor = body.response_metadata?.next_cursor || undefined;
  } while (cursor);
  await new Promise((done, fail) => out.end((e) => (e ? fail(e) : done())));
}

/** The count floor: one apps.datastore.count with the same expression and token, its count printed as rosi's --json does. */
async function countFloor([url, app, datastore]) {
  const res = await fetch(`${url}/api/apps.datastore.count`, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.ROSI_BENCH_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ app_id: app, datastore, ...WHERE_EXPRESSION }),
  });
  const body = await res.json();
  if (body.ok !== true) throw new Error(`apps.datastore.count: ${JSON.stringify(body).slice(0, 300)}`);
  process.stdout.write(`${JSON.stringify({ count: body.count })}\n`);
}

const fmtS = (xs) => `${median(xs).toFixed(2)} s (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
const rate = (n, s) => `${Math.round(n / s).toLocaleString('en')} items/s`;

export async function bench(runs = roundsArg(5)) {
  requireGnuTime();
  const builds = buildsToRun();
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-datastore-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  // A minimal environment: no NODE_OPTIONS or NODE_EXTRA_CA_CERTS to slow every node start.
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', SLACK_CONFIG_DIR: join(home, '.slack') };
  const manifestFile = join(tmp, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const emu = startEmulator(env, home, ['--manifest', manifestFile]);
  try {
    const url = await emu.ready;
    await login(url, env, home);
    const floorEnv = { ...env, ROSI_BENCH_TOKEN: savedToken(home) };
    const single = join(tmp, 'items.jsonl');
    const double = join(tmp, 'double.jsonl');
    await makeItems(single, ITEMS);
    await makeItems(double, 2 * ITEMS);
    const opts = { cwd: home, env };
    const importInto = (ds, file) => timed(process.execPath, [BIN, 'datastore', 'import', ds, file, '--app', APP], opts);
    const exportOf = (ds) => timed(process.execPath, [BIN, 'datastore', 'export', ds, '--app', APP, '-o', join(tmp, `${ds}.out.jsonl`)], opts);

    // The first import fills the datastore; every measured run then overwrites the same items, rosi and floor alike.
    importInto('items', single);
    // interleaved() runs each once more as a warm-up, then in shuffled rounds.
    const importRuns = interleaved(
      {
        floor: () => measured([SELF, '--floor', url, APP, 'items', single, String(CONCURRENCY)], { cwd: home, env: floorEnv }),
        rosi: () => measured([BIN, 'datastore', 'import', 'items', single, '--app', APP], opts),
      },
      runs,
    );
    const imports = importRuns.rosi;
    const floors = importRuns.floor;
    exportOf('items');
    const exported = lineCount(join(tmp, 'items.out.jsonl'));
    if (exported !== ITEMS) throw new Error(`the export holds ${exported} lines, not ${ITEMS}`);
    // Export against its floor, and against --before's build, in the same rounds: at least 9, so that p10 and p90 mean something.
    const exportRounds = Math.max(9, runs * 2);
    const exportCases = {
      floor: () => measured([SELF, '--export-floor', url, APP, 'items', join(tmp, 'floor.out.jsonl')], { cwd: home, env: floorEnv }),
    };
    for (const [k, b] of builds.entries())
      exportCases[`rosi${k}`] = () => measured([b.bin, 'datastore', 'export', 'items', '--app', APP, '-o', join(tmp, `items${k}.out.jsonl`)], opts);
    const exportRuns = interleaved(exportCases, exportRounds);
    if (readFileSync(join(tmp, 'floor.out.jsonl'), 'utf8') !== readFileSync(join(tmp, 'items0.out.jsonl'), 'utf8'))
      throw new Error('the export floor wrote other bytes than rosi');
    const countArgs = [BIN, 'datastore', 'count', '--datastore', 'items', '--where', WHERE, '--app', APP, '--json'];
    const matched = JSON.parse(wallMs(process.execPath, countArgs, opts).stdout).count;
    const floorCount = JSON.parse(wallMs(process.execPath, [SELF, '--count-floor', url, APP, 'items'], { cwd: home, env: floorEnv }).stdout).count;
    if (floorCount !== matched) throw new Error(`the count floor found ${floorCount}, rosi ${matched}`);
    const countRuns = interleaved(
      {
        floor: () => measured([SELF, '--count-floor', url, APP, 'items'], { cwd: home, env: floorEnv }),
        rosi: () => measured(countArgs.slice(), opts),
      },
      Math.max(9, runs * 2),
    );

    const importsDouble = Array.from({ length: Math.min(runs, 2) }, () => importInto('double', double));
    const exportsDouble = Array.from({ length: Math.min(runs, 2) }, () => exportOf('double'));

    const importS = median(imports.map((r) => r.ms)) / 1000;
    const floorS = median(floors.map((r) => r.ms)) / 1000;
    const rssImport = median(imports.map((r) => r.mib));
    const rssExport = median(exportRuns.rosi0.map((r) => r.mib));
    const rssImport2 = median(importsDouble.map((r) => r.mib));
    const rssExport2 = median(exportsDouble.map((r) => r.mib));
    const n = `${ITEMS.toLocaleString('en')} items`;
    const n2 = `${(2 * ITEMS).toLocaleString('en')} items`;
    return [
      {
        figure: `datastore: floor import, bare bulkPut script (${n}, ${CONCURRENCY} in flight; median of ${runs})`,
        measured: `${rate(ITEMS, floorS)}; ${fmtS(floors.map((r) => r.ms / 1000))}`,
      },
      ratioRow(
        `datastore: rosi datastore import (${n}) against the bare bulkPut script, ${rate(ITEMS, importS)} (${runs} rounds; ≤ 1.25× is ≥ 0.8× its rate)`,
        IMPORT_TARGET,
        imports,
        floors,
        'node bench/datastore.mjs 9',
      ),
      {
        figure: `datastore: rosi datastore import peak RSS (${n})`,
        target: '≤ 150 MiB',
        measured: `${rssImport.toFixed(0)} MiB (floor ${median(floors.map((r) => r.mib)).toFixed(0)} MiB)`,
        pass: rssImport <= 150,
      },
      {
        figure: `datastore: import peak RSS at double size (${n2})`,
        target: '≤ 1.2× single',
        measured: `${rssImport2.toFixed(0)} MiB`,
        ratio: `${(rssImport2 / rssImport).toFixed(2)}×`,
        pass: rssImport2 <= 1.2 * rssImport,
      },
      ...builds.map((b, k) => {
        const mine = exportRuns[`rosi${k}`];
        return ratioRow(
          `datastore${b.label}: rosi datastore export -o, raw paging script writing the same file as floor (${n}; ${rate(ITEMS, median(mine.map((r) => r.ms)) / 1000)}; median of ${exportRounds})`,
          k === 0 ? 1.05 : undefined,
          mine,
          exportRuns.floor,
          `node bench/datastore.mjs ${runs * 2}`,
        );
      }),
      {
        figure: `datastore: rosi datastore export peak RSS (${n})`,
        target: '≤ 150 MiB',
        measured: `${rssExport.toFixed(0)} MiB (floor ${median(exportRuns.floor.map((r) => r.mib)).toFixed(0)} MiB${builds
          .slice(1)
          .map((b, k) => `; ${b.label.trim()} ${median(exportRuns[`rosi${k + 1}`].map((r) => r.mib)).toFixed(0)} MiB`)
          .join('')})`,
        pass: rssExport <= 150,
      },
      {
        figure: `datastore: export peak RSS at double size (${n2})`,
        target: '≤ 1.2× single',
        measured: `${rssExport2.toFixed(0)} MiB`,
        ratio: `${(rssExport2 / rssExport).toFixed(2)}×`,
        pass: rssExport2 <= 1.2 * rssExport,
      },
      ratioRow(
        `datastore: rosi datastore count --where '${WHERE}' end to end (${n}, ${matched} match) against one bare Node process making the same call (median of ${countRuns.rosi.length} rounds)`,
        COUNT_TARGET,
        countRuns.rosi,
        countRuns.floor,
        'node bench/datastore.mjs 9',
      ),
    ];
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--floor') await floor(process.argv.slice(3));
  else if (process.argv[2] === '--export-floor') await exportFloor(process.argv.slice(3));
  else if (process.argv[2] === '--count-floor') await countFloor(process.argv.slice(3));
  else {
    const rows = await bench();
    process.stdout.write(`${markdownTable(rows)}\n`);
  }
}
