// Shared helpers for the benchmarks: timing whole processes, an emulator to run against,
// a login on it, and printing result tables.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/rosi.js', import.meta.url));
const TIME = '/usr/bin/time';

/** Peak RSS comes from GNU time; fail early, saying how to get it. */
export function requireGnuTime() {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing (apt-get install time): it measures peak RSS`);
}

/**
 * Wall seconds and peak RSS (MiB) of one command, by GNU time. `stdout: 'ignore'` sends
 * its output to /dev/null (for output too large to hold); otherwise it is returned.
 */
export function timedRss(cmd, args, { cwd, env, stdout = 'pipe' }) {
  const out = join(cwd, '.time');
  const r = spawnSync(TIME, ['-o', out, '-f', '%e %M', cmd, ...args], {
    cwd,
    env,
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout ?? ''}`);
  const [s, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(out, { force: true });
  return { s, mib: kb / 1024, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `rosi emulator` in memory with control endpoints on a free port; `ready` resolves to its URL.
 * ROSI_EMULATOR_SQLITE passes through, so each SQLite driver can be measured; the one that ran
 * is said on stderr. `pid` is the emulator's process, for sampling its memory.
 */
export function startEmulator(env, cwd, extraArgs = []) {
  const driver = process.env.ROSI_EMULATOR_SQLITE ? { ROSI_EMULATOR_SQLITE: process.env.ROSI_EMULATOR_SQLITE } : {};
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--in-memory', '--control', '--json', ...extraArgs], {
    cwd,
    env: { ...env, ...driver },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${log}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}: ${log}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line);
      process.stderr.write(`emulator on Node ${process.versions.node}, SQLite driver ${info.sqlite}\n`);
      resolve(info.url);
    });
  });
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { ready, stop, pid: child.pid };
}

/** Runs rosi to completion and returns its stdout; a non-zero exit throws. */
export function rosi(args, env, cwd) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rosi ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** POST to an emulator control endpoint. */
export async function control(url, path, body) {
  const res = await fetch(`${url}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** The split login flow, approved through the control endpoint. */
export async function login(url, env, cwd) {
  const { ticket } = JSON.parse(rosi(['login', '--no-prompt', '--json', '--apihost', url], env, cwd));
  const { challenge } = await control(url, 'approve', { ticket });
  rosi(['login', '--ticket', ticket, '--challenge', challenge, '--apihost', url], env, cwd);
}

/** Wall time of one process run, in milliseconds. */
export function timeRun(cmd, args, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs every case `rounds` times in a shuffled round-robin, so drift in machine load
 * spreads evenly over the cases instead of biasing whichever ran last.
 */
export function roundRobin(cases, rounds, warmup = 2) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup; i++) for (const c of cases) c.run();
  for (let r = 0; r < rounds; r++) {
    const order = [...cases].sort(() => Math.random() - 0.5);
    for (const c of order) samples.get(c.name).push(c.run());
  }
  return samples;
}

/** Rows: { figure, target, measured, ratio, pass } → a Markdown table. */
export function markdownTable(rows) {
  const head = '| figure | target | measured | ratio | result |\n|---|---|---:|---:|---|';
  const body = rows.map(
    (r) => `| ${r.figure} | ${r.target ?? '—'} | ${r.measured} | ${r.ratio ?? '—'} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : '**FAIL**'} |`,
  );
  return [head, ...body].join('\n');
}

/**
 * The Markdown with its `## title` section (up to the next `## ` heading) replaced by `section`,
 * or `section` added at the end when there is none.
 */
export function replaceSection(markdown, title, section) {
  const lines = markdown.split('\n');
  const from = lines.indexOf(`## ${title}`);
  if (from < 0) return `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`;
  const next = lines.findIndex((l, i) => i > from && l.startsWith('## '));
  const after = next < 0 ? '' : `\n${lines.slice(next).join('\n')}`;
  return `${lines.slice(0, from).join('\n')}\n${section.trimEnd()}\n${after}`.replace(/\n{3,}/g, '\n\n');
}

/** The Markdown's `## title` section, up to the next `## ` heading, or undefined when there is none. */
export function sectionOf(markdown, title) {
  const lines = markdown.split('\n');
  const from = lines.indexOf(`## ${title}`);
  if (from < 0) return undefined;
  const next = lines.findIndex((l, i) => i > from && l.startsWith('## '));
  const body = lines.slice(from, next < 0 ? undefined : next).join('\n');
  return `${body.trimEnd()}\n`;
}

/** Writes a file whole or not at all: a temporary file beside it, then a rename. */
export function writeFileAtomic(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The q-quantile (0 ≤ q ≤ 1) of xs, by the nearest rank. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/**
 * Each sample of `xs` over the floor sample taken in the same round (roundRobin keeps them in
 * step), so a load spike that slows a round slows both sides of its ratio: median, p10, p90 and
 * the spread (p90 − p10) / median.
 */
export function pairedRatios(xs, floor) {
  const ratios = xs.map((x, i) => x / floor[i]);
  const mid = median(ratios);
  const p10 = quantile(ratios, 0.1);
  const p90 = quantile(ratios, 0.9);
  return { median: mid, p10, p90, spread: (p90 - p10) / mid };
}

/** Widest (p90 − p10) / median of a per-round ratio worth reporting; ROSI_BENCH_MAX_SPREAD overrides it. */
export const MAX_SPREAD = Number(process.env.ROSI_BENCH_MAX_SPREAD ?? 0.3);

/**
 * The ratio cell of a row: `xs` over `floor`, paired by round, as "1.8× <floor> (p10 …, p90 …)", or, when the
 * per-round ratios spread wider than MAX_SPREAD, a refusal that says so and how to rerun. `trusted` is false then,
 * and a row's pass/fail should not be judged from it.
 */
export function ratioCell(xs, floor, floorName, digits = 2) {
  const r = pairedRatios(xs, floor);
  const f = (x) => x.toFixed(digits);
  const trusted = r.spread <= MAX_SPREAD;
  const text = trusted
    ? `${f(r.median)}× ${floorName} (p10 ${f(r.p10)}, p90 ${f(r.p90)})`
    : `not reported: per-round ratios to ${floorName} spread ${f(r.p10)}–${f(r.p90)} (${(r.spread * 100).toFixed(0)}% > ${MAX_SPREAD * 100}%); rerun on a quieter machine`;
  return { ...r, trusted, text };
}

/**
 * What every child starts with: PATH, HOME, UTC and no colour. NODE_OPTIONS and NODE_EXTRA_CA_CERTS are left out
 * on both sides of every ratio, since they change what Node does at start.
 */
export function bareEnv(home) {
  return { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', TZ: 'UTC', SLACK_CONFIG_DIR: join(home, '.slack') };
}

/** This build, and the one in --before's folder when given; a missing build fails here, not halfway through. */
export function buildsToRun(argv = process.argv) {
  const builds = [{ label: '', bin: BIN }];
  const at = argv.indexOf('--before');
  if (at >= 0 && argv[at + 1]) builds.push({ label: ' (before)', bin: join(resolve(argv[at + 1]), 'bin', 'rosi.js') });
  for (const b of builds) if (!existsSync(b.bin)) throw new Error(`${b.bin} is missing: build that folder first (npm run build)`);
  return builds;
}

/** The first bare number among the arguments (not --before's folder), or `fallback`. */
export function roundsArg(fallback, argv = process.argv) {
  const n = argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--before');
  return n === undefined ? fallback : Number(n);
}

/** The token `rosi login` saved: the floor sends it as rosi would. */
export function savedToken(home) {
  const creds = JSON.parse(readFileSync(join(home, '.slack', 'credentials.json'), 'utf8'));
  return Object.values(creds)[0].token;
}

/**
 * One process run under GNU time, its stdout to /dev/null: wall milliseconds by the clock here (GNU time rounds
 * to 10 ms), CPU milliseconds (user + system) and peak RSS in MiB by GNU time. GNU time wraps floor and rosi alike.
 */
export function measured(args, { cwd, env }) {
  const out = join(cwd, '.time');
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-o', out, '-f', '%U %S %M', process.execPath, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, system, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(out, { force: true });
  return { ms, cpuMs: (user + system) * 1000, mib: kb / 1024 };
}

/**
 * Runs `cases` (name → run()) `rounds` times, each round in a fresh shuffled order, after one warm-up of each;
 * returns name → samples, kept in step by round so that a sample can be divided by its round's floor.
 */
export function interleaved(cases, rounds) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const run of Object.values(cases)) run();
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(cases).sort(() => Math.random() - 0.5)) samples[k].push(cases[k]());
  }
  return samples;
}

const msSpread = (xs) => `${median(xs).toFixed(0)} ms (p10 ${quantile(xs, 0.1).toFixed(0)}, p90 ${quantile(xs, 0.9).toFixed(0)})`;

/**
 * One figure: rosi's samples over its floor's, round by round. The ratio is the median of the per-round ratios with
 * p10–p90; when (p90 − p10) / median is wider than MAX_SPREAD it is withheld, and the row says so and how to rerun.
 * CPU time (user + system) is given beside it as information: it moves less with the machine's load than wall time.
 */
export function ratioRow(figure, target, runs, floorRuns, rerun) {
  const wall = pairedRatios(
    runs.map((x) => x.ms),
    floorRuns.map((x) => x.ms),
  );
  const cpu = pairedRatios(
    runs.map((x) => x.cpuMs),
    floorRuns.map((x) => x.cpuMs),
  );
  const trusted = wall.spread <= MAX_SPREAD;
  const range = (r) => `${r.p10.toFixed(2)}–${r.p90.toFixed(2)}`;
  return {
    figure,
    target: target === undefined ? undefined : `≤ ${target}× floor`,
    measured: `${msSpread(runs.map((x) => x.ms))}; floor ${msSpread(floorRuns.map((x) => x.ms))}; CPU ${cpu.median.toFixed(2)}× floor's (p10–p90 ${range(cpu)})`,
    ratio: trusted
      ? `${wall.median.toFixed(2)}× (per round p10–p90 ${range(wall)})`
      : `not reported: per-round ratios spread ${range(wall)} (${(wall.spread * 100).toFixed(0)}% > ${MAX_SPREAD * 100}%); rerun when the machine is quieter, or with more rounds (${rerun})`,
    // A ratio too noisy to trust is neither a pass nor a failure.
    pass: target === undefined || !trusted ? undefined : wall.median <= target,
    trusted,
  };
}
