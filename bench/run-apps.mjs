// The emulator running a deployed app's workflow, its function in real Deno: a webhook trigger starts a
// one-step workflow whose function does one apps.datastore.put with its execution token and returns.
// Latency: N sequential webhook POSTs, each timed from the POST to its execution's `completed`, seen by
// polling GET /__emulator/executions?limit=1 every 5 ms; against it, interleaved, the floor: a bare Deno
// process with the runtime's flags that only imports the function's bundle and exits. Burst: webhook POSTs
// all at once, 100 then 200: every one runs exactly once (executions and datastore items counted), wall
// time, executions/s, and the peak RSS of the emulator with its Deno processes (Linux only); each burst is run
// BURST_ROUNDS times, each time followed by its floor: the same number of bare Deno loads of the bundle, as many
// at once as the emulator's --max-executions, so the ratio says what the platform adds around Deno.
// Without Deno it says so and measures nothing.
// Usage: node bench/run-apps.mjs [N] [--write]   (build first: npm run build; --write updates RESULTS.md)
// ROSI_BENCH_BURSTS="100 200" sets the burst sizes (the last is compared with the first for RSS);
// ROSI_BENCH_MAX_EXECUTIONS the emulator's --max-executions (default one per CPU, as the emulator's).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { control, markdownTable, median, ratioCell, replaceSection, rosi, startEmulator, writeFileAtomic } from './lib.mjs';

export const title = 'Running apps';

const WARMUP = 5;
const POLL_MS = 5;
const RSS_EVERY_MS = 50;
const BURSTS = (process.env.ROSI_BENCH_BURSTS ?? '100 200').split(' ').map(Number);
const BURST_ROUNDS = 3;
const DATASTORE = 'items';
const MiB = 1024 * 1024;

/** Deno where the emulator looks for it: ROSI_DENO, the npm package rosi depends on, then PATH; or why there is none. */
function findDeno() {
  const runs = (p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const fix = 'run npm install (it brings Deno as an optional dependency), put deno on PATH, or set ROSI_DENO=/path/to/deno';
  const named = process.env.ROSI_DENO;
  if (named) return runs(named) ? { path: named } : { reason: `ROSI_DENO names ${named}, which is not an executable file; ${fix}` };
  try {
    const npm = createRequire(import.meta.url)('deno/install_api.cjs').runInstall();
    if (npm && runs(npm)) return { path: npm };
  } catch {
    // The optional dependency is not installed: PATH next.
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((d) => join(d, 'deno'))
    .find(runs);
  return onPath ? { path: onPath } : { reason: `Deno is not installed; ${fix}` };
}

/** The app: a webhook trigger → a one-step workflow → a plain TypeScript function that puts one item. */
function makeProject(dir) {
  mkdirSync(join(dir, '.slack'), { recursive: true });
  mkdirSync(join(dir, 'functions'));
  mkdirSync(join(dir, 'triggers'));
  writeFileSync(join(dir, '.slack', 'hooks.json'), JSON.stringify({ runtime: 'deno', hooks: {} }));
  const strings = (...names) => ({ properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])), required: names });
  const manifest = {
    _metadata: { major_version: 2 },
    display_information: { name: 'bench-apps' },
    settings: { function_runtime: 'slack' },
    oauth_config: { scopes: { bot: ['datastore:read', 'datastore:write'] } },
    datastores: { [DATASTORE]: { primary_key: 'id', attributes: { id: { type: 'string' }, n: { type: 'string' }, batch: { type: 'string' } } } },
    functions: {
      put_one: { title: 'Put one item', source_file: 'functions/put_one.ts', input_parameters: strings('n', 'batch'), output_parameters: strings('item_id') },
    },
    workflows: {
      put_one: {
        title: 'Put one item',
        input_parameters: strings('n', 'batch'),
        steps: [{ id: '0', function_id: '#/functions/put_one', inputs: { n: '{{inputs.n}}', batch: '{{inputs.batch}}' } }],
      },
    },
  };
  writeFileSync(join(dir, 'manifest.ts'), `export default ${JSON.stringify(manifest, null, 2)};\n`);
  // A fresh ID per execution: were one run twice, its item would be there twice.
  writeFileSync(
    join(dir, 'functions', 'put_one.ts'),
    `interface Args {
  inputs: { n: string; batch: string };
  token: string;
  env: Record<string, string>;
}

export default async function putOne({ inputs, token, env }: Args) {
  const item = { id: \`\${inputs.batch}-\${inputs.n}-\${crypto.randomUUID()}\`, n: inputs.n, batch: inputs.batch };
  const response = await fetch(\`\${env.SLACK_API_URL}apps.datastore.put\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: \`Bearer \${token}\` },
    body: JSON.stringify({ datastore: '${DATASTORE}', item }),
  });
  const body = (await response.json()) as { ok: boolean; error?: string };
  if (!body.ok) return { error: \`put failed: \${body.error ?? response.status}\` };
  return { outputs: { item_id: item.id } };
}
`,
  );
  const trigger = {
    type: 'webhook',
    name: 'Put one item',
    workflow: '#/workflows/put_one',
    inputs: { n: { value: '{{data.n}}' }, batch: { value: '{{data.batch}}' } },
  };
  writeFileSync(join(dir, 'triggers', 'webhook.json'), JSON.stringify(trigger, null, 2));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

async function executions(url, appId, limit) {
  const res = await fetch(`${url}/__emulator/executions?app_id=${appId}&limit=${limit}`);
  if (!res.ok) throw new Error(`executions: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).executions;
}

function post(webhookUrl, body) {
  return fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
    const answer = await res.text();
    if (res.status !== 200) throw new Error(`webhook POST: HTTP ${res.status} ${answer}`);
  });
}

/** One webhook POST, timed until its execution shows `completed` (polled every POLL_MS), with the emulator's own times. */
async function oneRun(url, appId, webhookUrl, n) {
  const start = now();
  await post(webhookUrl, { n: String(n), batch: 'seq' });
  for (;;) {
    const [x] = await executions(url, appId, 1);
    if (x?.inputs?.n === String(n) && x.status !== 'running') {
      const seen = now();
      if (x.status !== 'completed') throw new Error(`execution ${n} ended ${x.status}: ${JSON.stringify(x)}`);
      const at = (iso) => Date.parse(iso);
      const step = x.steps[0];
      return {
        ms: seen - start,
        toStart: at(x.started_at) - start,
        toStep: at(step.started_at) - at(x.started_at),
        step: at(step.ended_at) - at(step.started_at),
        toEnd: at(x.ended_at) - at(step.ended_at),
        toSeen: seen - at(x.ended_at),
      };
    }
    if (now() - start > 30_000) throw new Error(`execution ${n} did not end within 30 s: ${JSON.stringify(x)}`);
    await sleep(POLL_MS);
  }
}

/** The floor: Deno started with the runtime's own flags (emulator's denoArgs), importing the function's bundle and exiting. */
function floorRun(deno, script, bundleDir, denoDir, allowNet) {
  const { denoArgs, DEFAULT_FUNCTION_MEMORY_MIB } = createRequire(import.meta.url)('../dist/emulator.cjs');
  const args = denoArgs({ bundleDir }, script, allowNet.split(','), DEFAULT_FUNCTION_MEMORY_MIB);
  const env = { DENO_DIR: denoDir, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PACKAGE_JSON: '1' };
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(deno, args, { cwd: bundleDir, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(now() - start) : reject(new Error(`the floor Deno exited ${code}: ${stderr}`))));
  });
}

/** The emulator's process and all below it, by /proc/<pid>/task/<tid>/children. */
function processTree(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${all[i]}/task`);
    } catch {
      continue; // Gone between the listing and now.
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${all[i]}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) all.push(Number(c));
      } catch {
        // The thread or process ended meanwhile.
      }
    }
  }
  return all;
}

function rssBytes(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the summed RSS of the emulator and its children every RSS_EVERY_MS until stop(); also each part's own peak. */
function rssSampler(pid) {
  const peak = { total: 0, emulator: 0, deno: 0, processes: 0 };
  const tick = () => {
    const [self, ...children] = processTree(pid);
    const emulator = rssBytes(self);
    const deno = children.reduce((sum, p) => sum + rssBytes(p), 0);
    peak.total = Math.max(peak.total, emulator + deno);
    peak.emulator = Math.max(peak.emulator, emulator);
    peak.deno = Math.max(peak.deno, deno);
    peak.processes = Math.max(peak.processes, children.length);
  };
  tick();
  const timer = setInterval(tick, RSS_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

/** The floor of a burst: `size` floor runs, `parallel` at a time, start to the last exit. */
async function floorBurst(floor, size, parallel) {
  const start = now();
  let next = 0;
  const worker = async () => {
    while (next < size) {
      next++;
      await floor();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, size) }, worker));
  return now() - start;
}

/** `size` POSTs at once; waits until all their executions ended; counts executions and items of the batch. */
async function burst(url, appId, webhookUrl, size, emuPid, rosiIn, round) {
  const batch = `burst${size}-${round}`;
  const sampler = process.platform === 'linux' ? rssSampler(emuPid) : undefined;
  const start = now();
  await Promise.all(Array.from({ length: size }, (_, n) => post(webhookUrl, { n: String(n), batch })));
  const posted = now() - start;
  // The newest `size` executions, every 250 ms: light enough not to weigh on what is measured (the wall time
  // comes from the executions' own end times). Then all of them once, to count any run twice.
  for (;;) {
    const newest = await executions(url, appId, size);
    const ended = newest.filter((x) => x.inputs?.batch === batch && x.status !== 'running').length;
    if (ended === size) break;
    if (now() - start > 300_000) throw new Error(`${batch}: ${ended} of ${size} ended in 5 minutes`);
    await sleep(250);
  }
  const rss = sampler?.stop();
  const mine = (await executions(url, appId, 1000)).filter((x) => x.inputs?.batch === batch);
  const wallMs = Math.max(...mine.map((x) => Date.parse(x.ended_at))) - start;
  const items = rosiIn(['datastore', 'export', DATASTORE])
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((i) => i.batch === batch);
  const distinct = (xs) => new Set(xs).size;
  return {
    size,
    posted,
    wallMs,
    rss,
    executions: mine.length,
    completed: mine.filter((x) => x.status === 'completed').length,
    distinctRuns: distinct(mine.map((x) => x.inputs.n)),
    items: items.length,
    distinctItems: distinct(items.map((i) => i.n)),
  };
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(0)} ms`;

/** What the last bench() run was measured on, for the section's heading. */
let measuredOn;

export async function bench(n = 50) {
  const { path: deno, reason } = findDeno();
  if (!deno) {
    process.stderr.write(`run-apps: skipped, functions run in Deno: ${reason}\n`);
    measuredOn = undefined;
    return [{ figure: 'apps: skipped (functions run in Deno)', measured: reason }];
  }
  const denoVersion = spawnSync(deno, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  const maxExecutions = Number(process.env.ROSI_BENCH_MAX_EXECUTIONS) || availableParallelism();

  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-apps-'));
  const home = join(tmp, 'home');
  const emuTmp = join(tmp, 'emulator-tmp');
  const project = join(tmp, 'app');
  const floorDenoDir = join(tmp, 'floor-deno-dir');
  for (const d of [home, emuTmp, project, floorDenoDir]) mkdirSync(d);
  makeProject(project);
  // TMPDIR: the emulator's temporary runtime folder lands where the floor can find the unpacked bundle.
  const emuEnv = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', TZ: 'UTC', TMPDIR: emuTmp };
  const emu = startEmulator(emuEnv, home, ['--max-executions', String(maxExecutions)]);
  try {
    const url = await emu.ready;
    const { token } = await control(url, 'seed', { user_id: 'U0EMULATOR' });
    const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', TZ: 'UTC', SLACK_CONFIG_DIR: join(home, '.slack'), ROSI_TOKEN: token, ROSI_APIHOST: url };
    const rosiIn = (args) => rosi(args, env, project);
    const { app_id: appId } = JSON.parse(rosiIn(['deploy', '--json']));
    const { webhook_url: webhookUrl } = JSON.parse(rosiIn(['trigger', 'create', '--trigger-def', 'triggers/webhook.json', '--json']));

    process.stderr.write(`run-apps: ${WARMUP} warm-up runs, then ${n} timed runs interleaved with the floor\n`);
    for (let i = 0; i < WARMUP; i++) await oneRun(url, appId, webhookUrl, -1 - i);
    const runtimeDir = readdirSync(emuTmp).find((d) => d.startsWith('rosi-emulator-runtime-'));
    const appBundles = join(emuTmp, runtimeDir, 'bundles', appId);
    const bundleDir = join(appBundles, readdirSync(appBundles)[0]);
    const floorScript = join(tmp, 'floor.ts');
    writeFileSync(floorScript, `await import(${JSON.stringify(new URL(`file://${join(bundleDir, 'functions', 'put_one.js')}`).href)});\n`);
    const allowNet = [new URL(url).host, 'slack.com', 'api.slack.com', 'files.slack.com'].join(',');
    const floor = () => floorRun(deno, floorScript, bundleDir, floorDenoDir, allowNet);
    for (let i = 0; i < WARMUP; i++) await floor();

    const runs = [];
    const floors = [];
    for (let i = 0; i < n; i++) {
      // Interleaved in a random order each round, so drift in machine load hits both alike.
      if (Math.random() < 0.5) {
        runs.push(await oneRun(url, appId, webhookUrl, i));
        floors.push(await floor());
      } else {
        floors.push(await floor());
        runs.push(await oneRun(url, appId, webhookUrl, i));
      }
    }

    const bursts = [];
    for (const size of BURSTS) {
      const rounds = [];
      const floorWalls = [];
      for (let r = 0; r < BURST_ROUNDS; r++) {
        process.stderr.write(`run-apps: burst of ${size}, round ${r + 1} of ${BURST_ROUNDS}, then its floor\n`);
        rounds.push(await burst(url, appId, webhookUrl, size, emu.pid, rosiIn, r));
        floorWalls.push(await floorBurst(floor, size, maxExecutions));
      }
      bursts.push({ size, rounds, floorWalls });
    }

    const lat = runs.map((r) => r.ms);
    const p50 = median(lat);
    const p95 = pct(lat, 95);
    const floor50 = median(floors);
    const part = (k) => median(runs.map((r) => r[k]));
    const rows = [
      {
        figure: `apps: webhook POST → execution completed, p50 (${n} sequential, after ${WARMUP} warm-up; polled every ${POLL_MS} ms)`,
        target: '≤ 300 ms',
        measured: ms(p50),
        ratio: ratioCell(
          runs.map((r) => r.ms),
          floors,
          'the floor',
        ).text,
        pass: p50 <= 300,
      },
      { figure: `apps: webhook POST → execution completed, p95`, target: '≤ 600 ms', measured: ms(p95), pass: p95 <= 600 },
      { figure: `apps: webhook POST → execution completed, max`, measured: ms(Math.max(...lat)) },
      {
        figure: `apps: floor, bare Deno with the runtime's flags importing the bundle, spawn → exit (p50 of ${n}, interleaved; p95)`,
        measured: `${ms(floor50)} (p95 ${ms(pct(floors, 95))})`,
      },
      {
        figure: 'apps: where the p50 goes (medians, emulator timestamps, ms resolution)',
        measured: `POST → workflow started ${ms(part('toStart'))}; → step started ${ms(part('toStep'))}; function step (Deno + put + complete) ${ms(part('step'))}; → workflow completed ${ms(part('toEnd'))}; → seen by the poll ${ms(part('toSeen'))}`,
      },
    ];
    for (const { size, rounds, floorWalls } of bursts) {
      const once = rounds.every(
        (b) => b.executions === size && b.completed === size && b.distinctRuns === size && b.items === size && b.distinctItems === size,
      );
      const walls = rounds.map((b) => b.wallMs);
      const perSec = size / (median(walls) / 1000);
      const sum = (k) => rounds.reduce((n, b) => n + b[k], 0);
      rows.push(
        {
          figure: `apps: burst of ${size} POSTs at once, every execution completed exactly once (${BURST_ROUNDS} rounds)`,
          target: `${size} executions, ${size} items, each round`,
          measured: `${sum('completed')}/${sum('executions')} executions completed (${sum('distinctRuns')} distinct), ${sum('items')} items (${sum('distinctItems')} distinct) over ${BURST_ROUNDS} rounds`,
          pass: once,
        },
        {
          figure: `apps: burst of ${size}, first POST → last execution ended (--max-executions ${maxExecutions}; median of ${BURST_ROUNDS})`,
          target: '≥ 10 executions/s',
          measured: `${perSec.toFixed(1)} executions/s (${(median(walls) / 1000).toFixed(2)} s; all POSTs answered in ${ms(median(rounds.map((b) => b.posted)))}); floor ${(median(floorWalls) / 1000).toFixed(2)} s`,
          ratio: ratioCell(walls, floorWalls, `${size} bare Deno loads, ${maxExecutions} at a time`).text,
          pass: perSec >= 10,
        },
      );
    }
    if (process.platform === 'linux') {
      // The peak over the rounds of each size.
      const peak = (b) => b.rounds.map((r) => r.rss).reduce((a, r) => (r.total > a.total ? r : a));
      const [small, large] = [bursts[0], bursts.at(-1)].map((b) => ({ size: b.size, rss: peak(b) }));
      const growth = large.rss.total / small.rss.total;
      const mib = (b) => `${(b / MiB).toFixed(0)} MiB`;
      const parts = (r) => `${mib(r.total)} (emulator ${mib(r.emulator)}, Deno ${mib(r.deno)} over at most ${r.processes} processes at once)`;
      rows.push(
        { figure: `apps: peak RSS, emulator + its Deno processes, burst of ${small.size} (sampled every ${RSS_EVERY_MS} ms)`, measured: parts(small.rss) },
        {
          figure: `apps: peak RSS at burst of ${large.size} (bounded)`,
          target: `≤ 1.2× at ${small.size}`,
          measured: parts(large.rss),
          ratio: `${growth.toFixed(2)}×`,
          pass: growth <= 1.2,
        },
      );
    } else {
      rows.push({ figure: 'apps: peak RSS', measured: `not measured: it is read from /proc, which ${process.platform} does not have` });
    }
    measuredOn = { date: new Date().toISOString(), node: process.version, deno: denoVersion, cpus: availableParallelism(), maxExecutions };
    return rows;
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The "Running apps" section of RESULTS.md: what it ran on, the table, how to rerun. */
export function section(rows) {
  const on = measuredOn
    ? `Measured ${measuredOn.date} on Node ${measuredOn.node}, ${measuredOn.deno}, ${process.platform}/${process.arch} with ${measuredOn.cpus} CPUs; the emulator ran with --max-executions ${measuredOn.maxExecutions} (its default is one per CPU).`
    : 'Not measured: no Deno to run functions with (see the row below).';
  const targeted = rows.filter((r) => r.pass !== undefined);
  const failing = targeted.filter((r) => !r.pass);
  const verdict = !targeted.length
    ? ''
    : failing.length
      ? `\n\nTargets (p50 ≤ 300 ms, p95 ≤ 600 ms, ≥ 10 executions/s, bounded RSS, each execution exactly once): ${failing.length} of ${targeted.length} fail: ${failing.map((r) => `${r.figure.replace(/^apps: /, '')} (${r.measured}, target ${r.target})`).join('; ')}.`
      : `\n\nTargets (p50 ≤ 300 ms, p95 ≤ 600 ms, ≥ 10 executions/s, bounded RSS, each execution exactly once): all ${targeted.length} hold on this run.`;
  return `## ${title}\n\n${on}\n\n${markdownTable(rows)}${verdict}\n\nRerun: \`npm run build && node bench/run-apps.mjs --write\` (or \`npm run bench\` for every benchmark).\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rows = await bench(Number(args.find((a) => /^\d+$/.test(a)) ?? 50));
  const text = section(rows);
  process.stdout.write(text);
  if (args.includes('--write')) {
    const file = fileURLToPath(new URL('RESULTS.md', import.meta.url));
    writeFileAtomic(file, replaceSection(readFileSync(file, 'utf8'), title, text));
  }
}
