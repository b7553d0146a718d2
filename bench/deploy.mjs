// `rosi deploy` of a ~3,000-file / ~60 MiB project against the emulator, as a ratio to `zip -r -q` of the same
// folder (the floor) measured in the same rounds, interleaved (zip, rosi, [the --before build's rosi], order
// shuffled per round): each round's ratio, their median and min–max, and whether every run met the target.
// A ratio whose runs spread too wide is not reported. Then peak RSS at ~12,000 files over ~3,000 (the same
// binaries, four times the small files), which shows what each file costs in memory. Seconds are information only.
// With --before <folder> (another build of rosi, e.g. the previous commit's), that build runs in the same rounds.
// Usage: node bench/deploy.mjs [--runs 5] [--before <folder>] [--write]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildsToRun, login, markdownTable, median, replaceSection, requireGnuTime, roundRobin, startEmulator, timedRss, writeFileAtomic } from './lib.mjs';

const TITLE = 'Deploy: against zip, and memory per file';
/** Deploy over zip, in every run. */
const TARGET = 0.7;
/** Peak RSS at LARGE_TEXTS files over SMALL_TEXTS files. */
const RSS_TARGET = 1.1;
/** (max − min) / median of the per-round ratios above which the ratio is not reported. */
const MAX_SPREAD = Number(process.env.ROSI_BENCH_MAX_SPREAD ?? 0.3);
const SMALL_TEXTS = 2995;
const LARGE_TEXTS = 11_995;
const RSS_RUNS = 3;

const MIB = 1024 * 1024;

/** A deterministic byte stream: AES-CTR over zeros with a fixed key, seeded per file. */
function stream(seed, size) {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(seed, 0);
  return createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), iv).update(Buffer.alloc(size));
}

/** Random bytes squeezed into a small alphabet with runs: compresses about 2:1, like an executable. */
function compressible(seed, size) {
  const r = stream(seed, size);
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    const b = r[i];
    out[i] = b < 96 ? 0 : b < 160 ? out[i - 8 > 0 ? i - 8 : 0] : b & 0x3f;
  }
  return out;
}

const WORDS = [
  'const',
  'function',
  'return',
  'export',
  'import',
  'value',
  'options',
  'result',
  'if',
  'else',
  'await',
  'async',
  'this',
  'module',
  'length',
  'index',
  'callback',
  'error',
  'null',
  'undefined',
];

/** JS-looking text of about `size` bytes, different in every file. */
function jsText(n, size) {
  const r = stream(0x10000 + n, size);
  const lines = [`// file ${n}\n'use strict';\n`];
  let len = lines[0].length;
  for (let i = 0; len < size; i++) {
    const a = WORDS[r[i % r.length] % WORDS.length];
    const b = WORDS[r[(i * 7) % r.length] % WORDS.length];
    const line = `  ${a} ${b}_${n}_${i} = ${b}(${r[(i * 3) % r.length]}, '${a}-${(n * 131 + i) % 9973}');\n`;
    lines.push(line);
    len += line.length;
  }
  lines.push(`module.exports = { id: ${n} };\n`);
  return lines.join('');
}

/**
 * The project: `.slack/hooks.json`, `manifest.json`, and `assets/` with `texts` text files (~6 KB each, in
 * 60 × 7 folders per 2,995) and five binaries of 40 MiB in all, whatever `texts` is: three random (stored),
 * two that deflate about 2:1.
 */
export function makeProject(dir, texts = SMALL_TEXTS) {
  mkdirSync(join(dir, '.slack'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), JSON.stringify({ hooks: {} }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ display_information: { name: 'bench-deploy' }, settings: { function_runtime: 'slack' } }, null, 2),
  );
  const assets = join(dir, 'assets');
  const folders = 60 * Math.max(1, Math.round(texts / SMALL_TEXTS));
  for (let n = 0; n < texts; n++) {
    const folder = join(assets, `pkg-${n % folders}`, `lib-${Math.floor(n / folders) % 7}`);
    mkdirSync(folder, { recursive: true });
    const ext = n % 600 === 599 ? 'json' : 'js';
    writeFileSync(join(folder, `file-${n}.${ext}`), jsText(n, 4000 + (((n * 2654435761) >>> 0) % 4300)));
  }
  mkdirSync(join(assets, 'bin'), { recursive: true });
  writeFileSync(join(assets, 'bin', 'random-10.bin'), stream(1, 10 * MIB));
  writeFileSync(join(assets, 'bin', 'random-8.bin'), stream(2, 8 * MIB));
  writeFileSync(join(assets, 'bin', 'random-6.bin'), stream(3, 6 * MIB));
  writeFileSync(join(assets, 'bin', 'exe-a.bin'), compressible(4, 8 * MIB));
  writeFileSync(join(assets, 'bin', 'exe-b.bin'), compressible(5, 8 * MIB));
  const du = spawnSync('du', ['-sb', assets], { encoding: 'utf8' });
  return { bytes: Number(du.stdout.split('\t')[0]), files: texts + 5 };
}

function option(argv, name) {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** One `rosi deploy --json` of `project` by the build `bin`: wall seconds, peak RSS and the archive's bytes. */
function deployOnce(bin, project, env) {
  const r = timedRss(process.execPath, [bin, 'deploy', '--json'], { cwd: project, env });
  return { s: r.s, mib: r.mib, bytes: JSON.parse(r.stdout).bundle_size };
}

/** One `zip -r -q` of the project's assets/ into `out` (removed first): seconds and the zip's bytes. */
function zipOnce(project, out, env) {
  rmSync(out, { force: true });
  const r = timedRss('zip', ['-r', '-q', out, 'assets'], { cwd: project, env });
  return { s: r.s, mib: r.mib, bytes: statSync(out).size };
}

const seconds = (xs) => `${median(xs).toFixed(2)} s (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * A per-round ratio figure: each run's ratio, their median and min–max. Withheld (neither pass nor
 * fail) when (max − min) / median passes MAX_SPREAD; with a target, it passes only if every run meets it.
 */
function ratioRow(figure, target, xs, floor, floorName) {
  const ratios = xs.map((x, i) => x / floor[i]);
  const mid = median(ratios);
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  const spread = (hi - lo) / mid;
  const trusted = spread <= MAX_SPREAD;
  const each = ratios.map((r) => r.toFixed(2)).join(', ');
  const met = target === undefined ? '' : `; ${ratios.filter((r) => r <= target).length} of ${ratios.length} runs ≤ ${target}×`;
  return {
    figure,
    target: target === undefined ? undefined : `≤ ${target}× ${floorName} in every run`,
    measured: `${seconds(xs)}; ${floorName} ${seconds(floor)}`,
    ratio: trusted
      ? `${mid.toFixed(2)}× (min–max ${lo.toFixed(2)}–${hi.toFixed(2)}; runs ${each}${met})`
      : `not reported: runs ${each} spread ${(spread * 100).toFixed(0)}% > ${MAX_SPREAD * 100}% of the median; rerun when the machine is quieter, or with --runs 9`,
    pass: target === undefined || !trusted ? undefined : ratios.every((r) => r <= target),
    trusted,
  };
}

export async function bench(argv = process.argv) {
  requireGnuTime();
  const runs = Number(option(argv, '--runs') ?? 5);
  const builds = buildsToRun(argv);
  if (spawnSync('zip', ['-v'], { stdio: 'ignore' }).status !== 0) throw new Error('zip is not installed (apt-get install zip): it is the floor');
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-deploy-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  // NODE_OPTIONS and NODE_EXTRA_CA_CERTS stay out: they change what Node does at start, and only rosi is Node.
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', SLACK_CONFIG_DIR: join(home, '.slack') };
  const emu = startEmulator(env, home, ['--max-upload-size', '1GB']);
  try {
    const url = await emu.ready;
    await login(url, env, home);
    const rows = [];

    const small = join(tmp, 'small');
    const size1 = makeProject(small, SMALL_TEXTS);
    const what1 = `${size1.files.toLocaleString('en')} files, ${mib(size1.bytes)}`;
    const zipOut = join(tmp, 'floor.zip');
    const deployCases = (project) => builds.map((b) => ({ name: b.label, run: () => deployOnce(b.bin, project, env) }));
    const one = roundRobin([{ name: 'zip', run: () => zipOnce(small, zipOut, env) }, ...deployCases(small)], runs, 1);
    const zip = one.get('zip');
    for (const b of builds) {
      const own = one.get(b.label);
      const row = ratioRow(
        `deploy${b.label}: rosi deploy to the emulator over zip -r -q of assets/ (${what1}; ${runs} rounds)`,
        b.label === '' ? TARGET : undefined,
        own.map((r) => r.s),
        zip.map((r) => r.s),
        'zip',
      );
      row.measured += `; archive ${mib(median(own.map((r) => r.bytes)))}, zip's ${mib(median(zip.map((r) => r.bytes)))}`;
      rows.push(row);
    }
    if (builds.length > 1)
      rows.push(
        ratioRow(
          `deploy: this build over the --before build, same rounds (${what1})`,
          undefined,
          one.get('').map((r) => r.s),
          one.get(builds[1].label).map((r) => r.s),
          'before',
        ),
      );
    rmSync(small, { recursive: true, force: true });

    const large = join(tmp, 'large');
    const size2 = makeProject(large, LARGE_TEXTS);
    const what2 = `${size2.files.toLocaleString('en')} files, ${mib(size2.bytes)}`;
    const two = roundRobin(deployCases(large), RSS_RUNS, 1);
    for (const b of builds) {
      const rss1 = median(one.get(b.label).map((r) => r.mib));
      const rss2 = median(two.get(b.label).map((r) => r.mib));
      rows.push({
        figure: `deploy${b.label}: peak RSS at ${what2} over ${what1} (medians of ${RSS_RUNS} and ${runs}; ${seconds(two.get(b.label).map((r) => r.s))} at the larger)`,
        target: b.label === '' ? `≤ ${RSS_TARGET}×` : undefined,
        measured: `${rss2.toFixed(0)} MiB over ${rss1.toFixed(0)} MiB (${(((rss2 - rss1) * 1024 * 1024) / (size2.files - size1.files)).toFixed(0)} bytes per added file)`,
        ratio: `${(rss2 / rss1).toFixed(2)}×`,
        pass: b.label === '' ? rss2 / rss1 <= RSS_TARGET : undefined,
      });
    }
    return rows;
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function section(rows) {
  const on =
    `Measured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}, against rosi's emulator in memory. ` +
    'Each round runs zip and every build once, in a shuffled order; a ratio divides runs of the same round. Seconds are information only. ' +
    `A ratio whose runs spread (max − min) more than ${MAX_SPREAD * 100}% of its median is not reported.`;
  const untrusted = rows.filter((r) => r.trusted === false).length;
  const verdict = untrusted
    ? `${untrusted} figure(s) too noisy to report on this run: rerun when the machine is quiet.`
    : `Targets: ${rows.filter((r) => r.pass === true).length} of ${rows.filter((r) => r.pass !== undefined).length} hold on this run.`;
  return `## ${TITLE}\n\n${on}\n\n${markdownTable(rows)}\n\n${verdict}\n\nRerun: \`npm run build && node bench/deploy.mjs --write\` (\`--before <folder>\` adds another build of rosi to the same rounds).\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = section(await bench());
  process.stdout.write(text);
  if (process.argv.includes('--write')) {
    const file = fileURLToPath(new URL('RESULTS.md', import.meta.url));
    writeFileAtomic(file, replaceSection(readFileSync(file, 'utf8'), TITLE, text));
  }
}
