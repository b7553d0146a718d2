// Shared helpers for the benchmarks: timing whole processes and printing result tables.
import { spawnSync } from 'node:child_process';

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
  const body = rows.map((r) => `| ${r.figure} | ${r.target ?? '—'} | ${r.measured} | ${r.ratio ?? '—'} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : '**FAIL**'} |`);
  return [head, ...body].join('\n');
}
