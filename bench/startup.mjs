// Start-up cost of rosi as a ratio to its floor, `node -e 0`, measured in the same run: every
// round runs the floor and each case once, in a shuffled order (bench/lib.mjs roundRobin), and
// each rosi sample is divided by the floor sample of its own round, so a load spike slows both
// sides of the ratio it lands in. Figures are the median ratio with p10/p90; milliseconds are
// information only. When the ratios spread too wide to trust, nothing is reported.
// Runs on the machine's Node and on the other supported Node lines (ROSI_BENCH_NODES, default
// "22 24 26"; "none" skips them), each brought by scripts/fetch-node.mjs. On those the build's V8
// code cache does not apply: the first run makes one in a fresh cache folder, as a user's would.
// With --before <folder> (another build of rosi, e.g. the previous commit's), that build's cases run
// in the same rounds, each paired with the same floor sample, so before and after are compared on
// the same machine under the same load.
// Usage: node bench/startup.mjs [rounds] [--before <folder>]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchNode } from '../scripts/fetch-node.mjs';
import { buildsToRun, markdownTable, median, quantile, ratioCell, roundRobin, timeRun } from './lib.mjs';

/**
 * Variables that change what Node does before the first line of a script (NODE_EXTRA_CA_CERTS
 * alone adds ~38 ms per process on some machines). Neither the floor nor rosi gets them: both
 * run in a bare environment, and the report names the ones this shell had set.
 */
const START_CHANGING = [
  'NODE_EXTRA_CA_CERTS',
  'NODE_OPTIONS',
  'NODE_DEBUG',
  'NODE_V8_COVERAGE',
  'NODE_COMPILE_CACHE',
  'NODE_ICU_DATA',
  'NODE_PRESERVE_SYMLINKS',
  'NODE_PENDING_DEPRECATION',
  'UV_THREADPOOL_SIZE',
];

export const unsetForStart = () => START_CHANGING.filter((k) => process.env[k] !== undefined);

/** For the floor's row, which carries it into RESULTS.md: what the bare environment left out. */
const bareNote = () => {
  const unset = unsetForStart();
  return unset.length ? `both without ${unset.join(', ')}` : 'both in a bare environment';
};

function homeWithThreeLogins() {
  const home = mkdtempSync(join(tmpdir(), 'rosi-bench-'));
  mkdirSync(join(home, '.slack'), { mode: 0o700 });
  const creds = {};
  for (const [i, domain] of ['alpha', 'beta', 'gamma'].entries()) {
    const id = `T0BENCH00${i}`;
    creds[id] = {
      token: `xoxe.xoxp-1-bench${i}`,
      team_domain: domain,
      team_id: id,
      user_id: 'U0BENCH001',
      last_updated: new Date().toISOString(),
      refresh_token: `xoxe-1-r${i}`,
      exp: Math.floor(Date.now() / 1000) + 40_000,
    };
  }
  writeFileSync(join(home, '.slack', 'credentials.json'), JSON.stringify(creds, null, 2), { mode: 0o600 });
  return home;
}

export async function bench(rounds = 25, argv = process.argv) {
  const builds = buildsToRun(argv);
  const others = (process.env.ROSI_BENCH_NODES ?? '22 24 26').split(/\s+/).filter((v) => v && v !== 'none');
  const rows = await benchOn(process.execPath, rounds, true, builds);
  for (const spec of others) rows.push(...(await benchOn(fetchNode(spec), rounds, false, builds)));
  return rows;
}

/** The rounds' milliseconds: median (p10–p90). */
const ms = (xs) => `${median(xs).toFixed(1)} ms (${quantile(xs, 0.1).toFixed(1)}–${quantile(xs, 0.9).toFixed(1)})`;

async function benchOn(nodeBin, rounds, isBuildNode, builds) {
  const home = homeWithThreeLogins();
  const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const on = isBuildNode ? '' : ` on Node ${version}`;
  // A bare environment: none of START_CHANGING reaches the floor or rosi.
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', XDG_CACHE_HOME: join(home, '.cache') };
  const node = (args) => () => timeRun(nodeBin, args, { env, cwd: home });
  const floor = { name: 'node -e 0', run: node(['-e', '0']) };
  // Targets hold for this build; another build's rows are there to compare with.
  const cases = builds.flatMap(({ label, bin }) =>
    [
      { name: 'rosi --version', args: ['--version'], target: 1.15 },
      { name: 'rosi --help', args: ['--help'], target: 1.2 },
      { name: 'rosi auth list (3 logins)', args: ['auth', 'list'], target: 1.3 },
      { name: 'rosi __complete teams', args: ['__complete', 'teams'], target: 1.6 },
    ].map((c) => ({ name: `${c.name}${label}`, run: node([bin, ...c.args]), target: label ? undefined : c.target })),
  );
  try {
    const samples = roundRobin([floor, ...cases], rounds);
    const base = samples.get(floor.name);
    const rows = [{ figure: `start-up${on}: ${floor.name}, the floor, ${bareNote()} (${rounds} rounds)`, measured: ms(base), ratio: '1.00×' }];
    for (const c of cases) {
      // Withheld, neither pass nor fail, when the rounds spread too wide: rerun with more (node bench/startup.mjs 60).
      const r = ratioCell(samples.get(c.name), base, 'floor');
      rows.push({
        figure: `start-up${on}: ${c.name} (${rounds} rounds)`,
        target: c.target ? `≤ ${c.target}× floor` : undefined,
        measured: ms(samples.get(c.name)),
        ratio: r.text,
        pass: c.target && r.trusted ? r.median <= c.target : undefined,
      });
    }
    return rows;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** What the table cannot say: how the figures were taken, and what was left out of the environment. */
export function note() {
  const unset = unsetForStart();
  const left = unset.length ? `${unset.join(', ')}, set in this shell, ${unset.length === 1 ? 'was' : 'were'} unset` : 'none was set in this shell';
  return (
    'Start-up: each ratio is a rosi run over the `node -e 0` run of the same round (floor and cases interleaved, shuffled ' +
    'per round), median with p10/p90 over the rounds; milliseconds are median (p10–p90), information only. Both run in a ' +
    `bare environment (PATH, HOME, NO_COLOR, XDG_CACHE_HOME), without the variables that change Node’s start (${START_CHANGING.join(', ')}): ${left}.`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = process.argv[2] && !process.argv[2].startsWith('--') ? Number(process.argv[2]) : 25;
  const rows = await bench(rounds);
  process.stdout.write(`${markdownTable(rows)}\n\n${note()}\n`);
  if (rows.some((r) => r.pass === false)) process.exitCode = 1;
}
