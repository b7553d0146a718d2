// `rosi activity` against the emulator: listing 50,000 events as JSON Lines to /dev/null (events/s
// and peak RSS, then 100,000 to show memory stays flat), the newest-50,000 path, human lines, and
// the tail's latency from an append to its line on stdout at --interval 1.
// Usage: node bench/activity.mjs [runs]   (build first: npm run build)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BIN, control, login, markdownTable, median, requireGnuTime, startEmulator, timedRss } from './lib.mjs';

/** Wall seconds and peak RSS of one rosi run, its output to /dev/null. */
const timed = (args, env, cwd) => timedRss(process.execPath, [BIN, ...args], { cwd, env, stdout: 'ignore' });

const APP = 'A0EMULATOR1';
const EVENTS = 50_000;
const INTERVAL_S = 1;
const LATENCY_SAMPLES = 15;

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

const rate = (n, xs) =>
  `${Math.round(n / median(xs)).toLocaleString('en-US')} events/s (${median(xs).toFixed(2)} s; ${xs.map((x) => x.toFixed(2)).join(', ')})`;

export async function bench(runs = 3) {
  requireGnuTime();
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-activity-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', TZ: 'UTC', SLACK_CONFIG_DIR: join(home, '.slack') };
  const manifest = join(tmp, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ display_information: { name: 'bench-activity' }, settings: { function_runtime: 'slack' } }));
  const emu = startEmulator(env, home, ['--manifest', manifest]);
  try {
    const url = await emu.ready;
    await login(url, env, home);
    await control(url, 'activities', { app_id: APP, activities: outputs('FnA', EVENTS) });
    await control(url, 'activities', { app_id: APP, activities: outputs('FnB', EVENTS) });
    const list = (extra) => ['activity', '--app', APP, '--limit', '0', ...extra];
    const cases = {
      all50: list(['--component-id', 'FnA', '--json']),
      all100: list(['--component', 'functions', '--json']),
      newest50: ['activity', '--app', APP, '--component-id', 'FnA', '--limit', String(EVENTS), '--json'],
      human50: list(['--component-id', 'FnA']),
    };
    const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    timed(cases.all50, env, home);
    for (let r = 0; r < runs; r++) for (const [k, args] of Object.entries(cases)) results[k].push(timed(args, env, home));
    const latency = await tailLatency(url, env, home);

    const secs = (k) => results[k].map((x) => x.s);
    const rss = (k) => median(results[k].map((x) => x.mib));
    const perSec = (n, k) => n / median(secs(k));
    const target = INTERVAL_S * 1000 + 200;
    return [
      {
        figure: `activity: list ${EVENTS.toLocaleString('en-US')} events --limit 0 --json > /dev/null (median of ${runs})`,
        target: '≥ 20,000 events/s',
        measured: rate(EVENTS, secs('all50')),
        pass: perSec(EVENTS, 'all50') >= 20_000,
      },
      { figure: `activity: peak RSS listing ${EVENTS.toLocaleString('en-US')} events`, measured: `${rss('all50').toFixed(0)} MiB` },
      {
        figure: `activity: peak RSS listing ${(2 * EVENTS).toLocaleString('en-US')} events (flat)`,
        target: '≤ 1.2× at 50,000',
        measured: `${rss('all100').toFixed(0)} MiB`,
        ratio: `${(rss('all100') / rss('all50')).toFixed(2)}×`,
        pass: rss('all100') <= 1.2 * rss('all50'),
      },
      { figure: `activity: list ${(2 * EVENTS).toLocaleString('en-US')} events --json (median of ${runs})`, measured: rate(2 * EVENTS, secs('all100')) },
      {
        figure: `activity: newest ${EVENTS.toLocaleString('en-US')} (--limit ${EVENTS}, newest-first pages reversed) --json (median of ${runs})`,
        measured: `${rate(EVENTS, secs('newest50'))}; ${rss('newest50').toFixed(0)} MiB`,
      },
      { figure: `activity: list ${EVENTS.toLocaleString('en-US')} events as human lines (median of ${runs})`, measured: rate(EVENTS, secs('human50')) },
      {
        figure: `activity: --tail latency, append → line on stdout at --interval ${INTERVAL_S} (median of ${LATENCY_SAMPLES}; max)`,
        target: `≤ ${target} ms`,
        measured: `${median(latency).toFixed(0)} ms (max ${Math.max(...latency).toFixed(0)} ms)`,
        pass: median(latency) <= target,
      },
    ];
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await bench(Number(process.argv[2] ?? 3));
  process.stdout.write(`${markdownTable(rows)}\n`);
}
