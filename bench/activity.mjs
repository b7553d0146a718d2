// `rosi activity --limit 0 --json` against the emulator as a ratio to its floor, a raw paging script that pages
// apps.activities.list over the same HTTP API (the same parameters, page size and token as rosi) and writes the
// same bytes (one JSON line per activity) to the same /dev/null. Floor and rosi run in the same rounds, interleaved
// and shuffled; each rosi run is divided by the floor run of its round, and the figure is the median of those ratios
// with p10–p90. Too wide a spread is not reported. 50,000 and 100,000 events, peak RSS at both (flat memory), human
// lines and the newest-first path as information, and the tail's latency from an append to its line on stdout.
// With --before <folder> (another build of rosi, e.g. the previous commit's), that build runs in the same rounds.
// Usage: node bench/activity.mjs [rounds] [--before <folder>] [--write]   (build first: npm run build; --write updates RESULTS.md)
//        node bench/activity.mjs --floor <url> <query as JSON>   (the floor; token in ROSI_BENCH_TOKEN)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  bareEnv,
  BIN,
  buildsToRun,
  control,
  interleaved,
  login,
  markdownTable,
  MAX_SPREAD,
  measured,
  median,
  ratioRow,
  replaceSection,
  requireGnuTime,
  roundsArg,
  savedToken,
  startEmulator,
  writeFileAtomic,
} from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const TITLE = 'Client reads: activity listing';
const APP = 'A0EMULATOR1';
const EVENTS = 50_000;
// rosi's page: activity/query.ts MAX_PAGE, the server's largest.
const PAGE = 1000;
const INTERVAL_S = 1;
const LATENCY_SAMPLES = 15;
const TARGET = 1.05;
/** `count` function outputs of one component, one every 100 µs, ending now. */
function outputs(component, count) {
  const end = Date.now() * 1000;
  return Array.from({ length: count }, (_, i) => ({
    event_type: 'function_execution_output',
    source: 'developer',
    component_type: 'functions',
    component_id: component,
    trace_id: `Tr${component}${Math.floor(i / 10)}`,
    payload: { log: `step ${i}: processed order ${(i * 7919) % 100_000} for customer U${String(i % 997).padStart(6, '0')} in ${i % 250} ms` },
    created: end - (count - i) * 100,
  }));
}

/**
 * The floor: page apps.activities.list oldest first as rosi does (GET, its parameters in its order, pages of 1,000,
 * Bearer token) and write each activity as a JSON line to stdout, waiting when stdout is full. Nothing else: no
 * schema, no checks, no read-ahead.
 */
async function floor([url, query]) {
  const token = process.env.ROSI_BENCH_TOKEN;
  const filters = JSON.parse(query);
  const out = (text) => new Promise((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done)));
  let cursor;
  do {
    const params = new URLSearchParams({
      app_id: APP,
      limit: String(PAGE),
      min_log_level: 'info',
      ...filters,
      sort_direction: 'asc',
      ...(cursor ? { cursor } : {}),
    });
    const res = await fetch(`${url}/api/apps.activities.list?${params}`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
    });
    const body = await res.json();
    if (body.ok !== true) throw new Error(`apps.activities.list: ${JSON.stringify(body).slice(0, 300)}`);
    let text = '';
    for (const a of body.activities) text += `${JSON.stringify(a)}\n`;
    await out(text);
    cursor = body.response_metadata?.next_cursor || undefined;
  } while (cursor);
}

/** Appends one event while tailing and times it until its line reaches the tail's stdout. */
async function tailLatency(url, env, cwd) {
  const child = spawn(
    process.execPath,
    [BIN, 'activity', '--tail', '--interval', String(INTERVAL_S), '--idle', '0', '--json', '--component-id', 'FnLAT', '--app', APP],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen = new Map();
  createInterface({ input: child.stdout }).on('line', (line) => seen.set(JSON.parse(line).payload.i, process.hrtime.bigint()));
  await new Promise((r) => setTimeout(r, 1500));
  const samples = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    // A random phase against the poll timer, so the samples cover the whole interval.
    await new Promise((r) => setTimeout(r, 300 + Math.random() * INTERVAL_S * 1000));
    const start = process.hrtime.bigint();
    await control(url, 'activities', {
      app_id: APP,
      activities: [{ event_type: 'function_execution_output', component_type: 'functions', component_id: 'FnLAT', payload: { i, log: `sample ${i}` } }],
    });
    for (let waited = 0; !seen.has(i); waited += 5) {
      if (waited > 10_000) throw new Error(`the tail never printed sample ${i}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    samples.push(Number(seen.get(i) - start) / 1e6);
  }
  child.kill('SIGINT');
  await new Promise((r) => child.once('close', r));
  return samples;
}

const perSec = (n, runs) => `${Math.round(n / (median(runs.map((x) => x.ms)) / 1000)).toLocaleString('en-US')} events/s`;

export async function bench(rounds = roundsArg(9)) {
  requireGnuTime();
  const builds = buildsToRun();
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-activity-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  const env = bareEnv(home);
  const manifest = join(tmp, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ display_information: { name: 'bench-activity' }, settings: { function_runtime: 'slack' } }));
  const emu = startEmulator(env, home, ['--manifest', manifest]);
  try {
    const url = await emu.ready;
    await login(url, env, home);
    await control(url, 'activities', { app_id: APP, activities: outputs('FnA', EVENTS) });
    await control(url, 'activities', { app_id: APP, activities: outputs('FnB', EVENTS) });
    const opts = { cwd: home, env };
    const floorOpts = { cwd: home, env: { ...env, ROSI_BENCH_TOKEN: savedToken(home) } };
    // The same listing both ways: one component (50,000), or the component type both share (100,000).
    const sizes = [
      { n: EVENTS, flags: ['--component-id', 'FnA'], query: { component_id: 'FnA' } },
      { n: 2 * EVENTS, flags: ['--component', 'functions'], query: { component_type: 'functions' } },
    ];
    const cases = {};
    for (const s of sizes) {
      cases[`floor${s.n}`] = () => measured([SELF, '--floor', url, JSON.stringify(s.query)], floorOpts);
      for (const [k, b] of builds.entries())
        cases[`rosi${k}-${s.n}`] = () => measured([b.bin, 'activity', '--app', APP, '--limit', '0', ...s.flags, '--json'], opts);
    }
    // Information only, this build: human lines, and the newest 50,000 (newest-first pages, reversed once).
    cases.human = () => measured([BIN, 'activity', '--app', APP, '--limit', '0', '--component-id', 'FnA'], opts);
    cases.newest = () => measured([BIN, 'activity', '--app', APP, '--limit', String(EVENTS), '--component-id', 'FnA', '--json'], opts);
    const runs = interleaved(cases, rounds);
    const latency = await tailLatency(url, env, home);

    const rerun = `node bench/activity.mjs ${rounds * 2}`;
    const rows = [];
    for (const s of sizes) {
      for (const [k, b] of builds.entries()) {
        const mine = runs[`rosi${k}-${s.n}`];
        rows.push(
          ratioRow(
            `activity${b.label}: list ${s.n.toLocaleString('en-US')} events --limit 0 --json > /dev/null, raw paging script as floor (${perSec(s.n, mine)}; median of ${rounds})`,
            k === 0 ? TARGET : undefined,
            mine,
            runs[`floor${s.n}`],
            rerun,
          ),
        );
      }
    }
    const rss = (k, n) => median(runs[`rosi${k}-${n}`].map((x) => x.mib));
    for (const [k, b] of builds.entries()) {
      rows.push({
        figure: `activity${b.label}: peak RSS listing ${(2 * EVENTS).toLocaleString('en-US')} events (flat)`,
        target: k === 0 ? '≤ 1.2× at 50,000' : undefined,
        measured: `${rss(k, 2 * EVENTS).toFixed(0)} MiB; ${rss(k, EVENTS).toFixed(0)} MiB at 50,000; floor ${median(runs[`floor${2 * EVENTS}`].map((x) => x.mib)).toFixed(0)} MiB`,
        ratio: `${(rss(k, 2 * EVENTS) / rss(k, EVENTS)).toFixed(2)}×`,
        pass: k === 0 ? rss(k, 2 * EVENTS) <= 1.2 * rss(k, EVENTS) : undefined,
      });
    }
    rows.push(
      ratioRow(`activity: list ${EVENTS.toLocaleString('en-US')} events as human lines (information)`, undefined, runs.human, runs[`floor${EVENTS}`], rerun),
      ratioRow(
        `activity: newest ${EVENTS.toLocaleString('en-US')} (--limit ${EVENTS}, newest-first pages reversed) --json (information; ${median(runs.newest.map((x) => x.mib)).toFixed(0)} MiB)`,
        undefined,
        runs.newest,
        runs[`floor${EVENTS}`],
        rerun,
      ),
    );
    const target = INTERVAL_S * 1000 + 200;
    rows.push({
      figure: `activity: --tail latency, append → line on stdout at --interval ${INTERVAL_S} (median of ${LATENCY_SAMPLES}; max)`,
      target: `≤ ${target} ms`,
      measured: `${median(latency).toFixed(0)} ms (max ${Math.max(...latency).toFixed(0)} ms)`,
      pass: median(latency) <= target,
    });
    return rows;
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function section(rows) {
  const on =
    `Measured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}, against rosi's emulator in memory; ` +
    `every child started without NODE_OPTIONS and NODE_EXTRA_CA_CERTS (floor and rosi alike). A ratio is the median of per-round ratios ` +
    `(rosi's run over the floor's run of the same round; rounds interleaved and shuffled); one whose p10–p90 spread exceeds ${MAX_SPREAD * 100}% of its median is not reported.`;
  const untrusted = rows.filter((r) => r.trusted === false).length;
  const verdict = untrusted
    ? `${untrusted} figure(s) too noisy to report on this run: rerun when the machine is quiet.`
    : `Targets: ${rows.filter((r) => r.pass === true).length} of ${rows.filter((r) => r.pass !== undefined).length} hold on this run.`;
  return `## ${TITLE}\n\n${on}\n\n${markdownTable(rows)}\n\n${verdict}\n\nRerun: \`npm run build && node bench/activity.mjs --write\` (\`--before <folder>\` adds another build of rosi to the same rounds).\n`;
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--floor') await floor(process.argv.slice(3));
  else {
    const text = section(await bench());
    process.stdout.write(text);
    if (process.argv.includes('--write')) {
      const file = fileURLToPath(new URL('RESULTS.md', import.meta.url));
      writeFileAtomic(file, replaceSection(readFileSync(file, 'utf8'), TITLE, text));
    }
  }
}
