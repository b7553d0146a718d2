// rosi/testing: what a test suite pays. The import of rosi/testing; an emulator's start in the suite's process
// (a fresh Node, import to first API answer) against a bare node:http server's start the same way; a child
// emulator's start (spawn to first answer, signed in) against a bare node:http child's; and reset() to the
// checkpoint — median and spread over 50 resets, with hello-rosi deployed and 1,000, then 20,000 items in its
// datastore — against what a test would pay without it: a fresh emulator, deployed and seeded again. And what
// `rosi emulator exec` adds to a command: an emulator started, signed in and stopped around it. Every start figure
// is a ratio to its floor measured in the same rounds (A B A B …), median and p10–p90 of the per-round ratios;
// a ratio that spreads too wide is not reported.
// Usage: node bench/testing.mjs [--write]   (build first: npm run build; --write updates RESULTS.md)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable, median, ratioCell, replaceSection, writeFileAtomic } from './lib.mjs';

const TITLE = 'rosi/testing';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECT = fileURLToPath(new URL('../examples/hello-rosi', import.meta.url));
const RESETS = 50;
const STARTS = 15;

/** Milliseconds a fresh Node process reports for `body` (which sets `ms`), run from the package root so rosi/testing resolves. */
function inFreshNode(body) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${body}\nconsole.log(ms);`], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}

/** The floor of an import: the ES module loader fetching a one-line module. */
const IMPORT_FLOOR = "const t0 = performance.now(); await import('data:text/javascript,export const x = 1;'); const ms = performance.now() - t0;";
const IMPORT = "const t0 = performance.now(); await import('rosi/testing'); const ms = performance.now() - t0;";
const IN_PROCESS =
  "const t0 = performance.now(); const { startEmulator } = await import('rosi/testing'); const e = await startEmulator(); await (await fetch(e.apiUrl + 'api.test')).json(); const ms = performance.now() - t0; await e.close();";
const BARE_HTTP =
  "const t0 = performance.now(); const { createServer } = await import('node:http'); const s = createServer((q, r) => r.end('{\"ok\":true}')); await new Promise((d) => s.listen(0, '127.0.0.1', d)); await (await fetch('http://127.0.0.1:' + s.address().port + '/')).json(); const ms = performance.now() - t0; s.close();";

/** Spawn of a bare node:http server in a child to its first answer, as the parent sees it. */
async function bareChild() {
  const { spawn } = await import('node:child_process');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['-e', "const s = require('node:http').createServer((q, r) => r.end('ok')); s.listen(0, '127.0.0.1', () => console.log(s.address().port));"],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  await (await fetch(`http://127.0.0.1:${port}/`)).text();
  const ms = performance.now() - t0;
  await new Promise((done) => {
    child.once('exit', done);
    child.kill();
  });
  return ms;
}

const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p10 ${at(0.1).toFixed(1)}, p90 ${at(0.9).toFixed(1)}, max ${s.at(-1).toFixed(1)}`;
};
const ms = (x) => `${x.toFixed(1)} ms`;

function items(n) {
  return Array.from({ length: n }, (_, i) => ({ id: `task-${String(i).padStart(6, '0')}`, title: `Task ${i}`, owner: `owner-${i % 50}`, done: i % 3 === 0 }));
}

/** 50 resets of an emulator with hello-rosi deployed and `n` items, each after a test-like write; and one fresh start, deployed and seeded, to compare. */
async function resets(startEmulator, n, mode) {
  const seeded = items(n);
  const t0 = performance.now();
  const emu = await startEmulator({ process: mode, project: PROJECT, seed: { tasks: seeded } });
  const fresh = performance.now() - t0;
  try {
    const took = [];
    for (let i = 0; i < RESETS; i++) {
      await emu.datastore('tasks').put({ id: `written-${i}`, title: 'written by a test', owner: 'test', done: false });
      const r0 = performance.now();
      await emu.reset();
      took.push(performance.now() - r0);
    }
    const left = await emu.datastore('tasks').get('written-0');
    if (left !== undefined) throw new Error('reset left a written item behind');
    return { took, fresh };
  } finally {
    await emu.close();
  }
}

export async function bench() {
  const { startEmulator } = await import('rosi/testing');
  const imports = [];
  const importFloors = [];
  const inProcess = [];
  const bare = [];
  for (let i = 0; i < STARTS; i++) {
    imports.push(inFreshNode(IMPORT));
    importFloors.push(inFreshNode(IMPORT_FLOOR));
    inProcess.push(inFreshNode(IN_PROCESS));
    bare.push(inFreshNode(BARE_HTTP));
  }
  const child = [];
  const bareChildren = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const e = await startEmulator({ process: 'child' });
    await (await fetch(`${e.apiUrl}api.test`)).json();
    child.push(performance.now() - t0);
    await e.close();
    bareChildren.push(await bareChild());
  }
  // `rosi emulator exec` as a CI job pays it: start, sign in, run a command that does nothing, stop; interleaved with that command alone.
  const BIN = fileURLToPath(new URL('../bin/rosi.js', import.meta.url));
  const wall = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return performance.now() - t0;
  };
  const execs = [];
  const plain = [];
  for (let i = 0; i < STARTS; i++) {
    execs.push(wall([BIN, 'emulator', 'exec', '--', process.execPath, '-e', '0']));
    plain.push(wall(['-e', '0']));
  }
  const rows = [
    {
      figure: `testing: rosi emulator exec -- node -e 0, start to stop (median of ${STARTS})`,
      measured: `${ms(median(execs))} (${spread(execs)})`,
      ratio: `${ratioCell(execs, plain, `node -e 0 alone (${ms(median(plain))})`, 1).text}; +${ms(median(execs) - median(plain))}`,
    },
    {
      figure: `testing: import('rosi/testing') in a fresh Node (median of ${STARTS})`,
      measured: `${ms(median(imports))} (${spread(imports)})`,
      ratio: ratioCell(imports, importFloors, `a one-line module (${ms(median(importFloors))})`, 1).text,
    },
    {
      figure: `testing: startEmulator() in this process, fresh Node: import to first API answer (median of ${STARTS})`,
      measured: `${ms(median(inProcess))} (${spread(inProcess)})`,
      ratio: ratioCell(inProcess, bare, `bare node:http (${ms(median(bare))})`, 1).text,
    },
    {
      figure: `testing: startEmulator({ process: 'child' }): spawn to signed in and first answer (median of ${STARTS})`,
      measured: `${ms(median(child))} (${spread(child)})`,
      ratio: ratioCell(child, bareChildren, `bare node:http child (${ms(median(bareChildren))})`, 1).text,
    },
  ];
  for (const [n, mode] of [
    [1_000, 'in-process'],
    [20_000, 'in-process'],
    [1_000, 'child'],
  ]) {
    const { took, fresh } = await resets(startEmulator, n, mode);
    rows.push({
      figure: `testing: reset() ${mode}, hello-rosi deployed, ${n.toLocaleString('en-US')} items (median of ${RESETS})`,
      measured: `${ms(median(took))} (${spread(took)})`,
      ratio: `${(median(took) / fresh).toFixed(4)}× a fresh start, deployed and seeded (${(fresh / 1000).toFixed(2)} s)`,
    });
  }
  return rows;
}

export function section(rows) {
  const on = `Measured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}; in-memory emulators, no Deno runs in these figures.`;
  return `## ${TITLE}\n\n${on}\n\n${markdownTable(rows)}\n\nRerun: \`npm run build && node bench/testing.mjs --write\` (or \`npm run bench\` for every benchmark).\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await bench();
  const text = section(rows);
  process.stdout.write(text);
  if (process.argv.includes('--write')) {
    const file = fileURLToPath(new URL('RESULTS.md', import.meta.url));
    writeFileAtomic(file, replaceSection(readFileSync(file, 'utf8'), TITLE, text));
  }
}
