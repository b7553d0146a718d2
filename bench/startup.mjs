// Start-up cost of rosi against bare node: median wall time over ≥20 shuffled rounds, on the
// machine's Node and on the other supported Node lines (ROSI_BENCH_NODES, default "22 24 26";
// "none" skips them), each brought by scripts/fetch-node.mjs. On those the build's V8 code cache
// does not apply: the first run makes one in a fresh cache folder, as a user's first run would.
// Usage: node bench/startup.mjs [rounds]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchNode } from '../scripts/fetch-node.mjs';
import { markdownTable, median, roundRobin, timeRun } from './lib.mjs';

const BIN = fileURLToPath(new URL('../bin/rosi.js', import.meta.url));

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

export async function bench(rounds = 25) {
  const others = (process.env.ROSI_BENCH_NODES ?? '22 24 26').split(/\s+/).filter((v) => v && v !== 'none');
  const rows = await benchOn(process.execPath, rounds, true);
  for (const spec of others) rows.push(...(await benchOn(fetchNode(spec), rounds, false)));
  return rows;
}

async function benchOn(nodeBin, rounds, isBuildNode) {
  const home = homeWithThreeLogins();
  const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const on = isBuildNode ? '' : ` on Node ${version}`;
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', XDG_CACHE_HOME: join(home, '.cache') };
  const node = (args) => () => timeRun(nodeBin, args, { env, cwd: home });
  const cases = [
    { name: 'node -e 0', run: node(['-e', '0']) },
    { name: 'rosi --version', run: node([BIN, '--version']), target: 1.3 },
    { name: 'rosi --help', run: node([BIN, '--help']), target: 1.5 },
    { name: 'rosi auth list (3 logins)', run: node([BIN, 'auth', 'list']), target: 1.6 },
    { name: 'rosi __complete teams', run: node([BIN, '__complete', 'teams']), target: 1.6 },
  ];
  try {
    const samples = roundRobin(cases, rounds);
    const base = median(samples.get('node -e 0'));
    return cases.map((c) => {
      const m = median(samples.get(c.name));
      const ratio = m / base;
      return {
        figure: `start-up${on}: ${c.name} (median of ${rounds})`,
        target: c.target ? `≤ ${c.target}× node` : undefined,
        measured: `${m.toFixed(1)} ms`,
        ratio: `${ratio.toFixed(2)}×`,
        pass: c.target ? ratio <= c.target : undefined,
      };
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await bench(Number(process.argv[2] ?? 25));
  process.stdout.write(`${markdownTable(rows)}\n`);
}
