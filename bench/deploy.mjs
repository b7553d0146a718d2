// `rosi deploy` of a ~3,000-file / ~60 MB project against the emulator, next to `zip -r -q`
// of the same folder (the floor), then the same at double size to show memory stays flat.
// Usage: node bench/deploy.mjs [runs]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, login, markdownTable, median, requireGnuTime, startEmulator, timedRss as timed } from './lib.mjs';

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
 * The project: `.slack/hooks.json`, `manifest.json`, and `assets/` with 2,995 × scale text
 * files (~6 KB each, over 60 × 7 folders × scale) and 5 binaries whose sizes grow with `scale`.
 */
export function makeProject(dir, scale = 1) {
  mkdirSync(join(dir, '.slack'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), JSON.stringify({ hooks: {} }));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ display_information: { name: 'bench-deploy' }, settings: { function_runtime: 'slack' } }, null, 2),
  );
  const assets = join(dir, 'assets');
  const texts = 2995 * scale;
  for (let n = 0; n < texts; n++) {
    const folder = join(assets, `pkg-${n % (60 * scale)}`, `lib-${Math.floor(n / (60 * scale)) % 7}`);
    mkdirSync(folder, { recursive: true });
    const ext = n % 600 === 599 ? 'json' : 'js';
    writeFileSync(join(folder, `file-${n}.${ext}`), jsText(n, 4000 + (((n * 2654435761) >>> 0) % 4300)));
  }
  mkdirSync(join(assets, 'bin'), { recursive: true });
  writeFileSync(join(assets, 'bin', 'random-10.bin'), stream(1, 10 * MIB * scale));
  writeFileSync(join(assets, 'bin', 'random-8.bin'), stream(2, 8 * MIB * scale));
  writeFileSync(join(assets, 'bin', 'random-6.bin'), stream(3, 6 * MIB * scale));
  writeFileSync(join(assets, 'bin', 'exe-a.bin'), compressible(4, 8 * MIB * scale));
  writeFileSync(join(assets, 'bin', 'exe-b.bin'), compressible(5, 8 * MIB * scale));
  const du = spawnSync('du', ['-sb', assets], { encoding: 'utf8' });
  return { bytes: Number(du.stdout.split('\t')[0]), files: texts + 5 };
}

/** Alternates deploy and zip `runs` times after one warm-up each (which also fills the page cache). */
function measure(project, env, runs, withZip) {
  const deploys = [];
  const zips = [];
  const zipOut = join(project, '..', 'floor.zip');
  const zipOnce = () => {
    rmSync(zipOut, { force: true });
    return timed('zip', ['-r', '-q', zipOut, 'assets'], { cwd: project, env });
  };
  timed(process.execPath, [BIN, 'deploy'], { cwd: project, env });
  if (withZip) zipOnce();
  for (let i = 0; i < runs; i++) {
    deploys.push(timed(process.execPath, [BIN, 'deploy'], { cwd: project, env }));
    if (withZip) zips.push(zipOnce());
  }
  rmSync(zipOut, { force: true });
  return { deploy: deploys, zip: zips };
}

const fmt = (xs) => `${median(xs).toFixed(2)} s (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;

export async function bench(runs = 3) {
  requireGnuTime();
  const hasZip = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (!hasZip) process.stderr.write('zip is not installed (apt-get install zip): skipping the zip floor\n');
  const tmp = mkdtempSync(join(tmpdir(), 'rosi-bench-deploy-'));
  const home = join(tmp, 'home');
  mkdirSync(home);
  const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', SLACK_CONFIG_DIR: join(home, '.slack') };
  const emu = startEmulator(env, home, ['--max-upload-size', '1GB']);
  try {
    const url = await emu.ready;
    await login(url, env, home);
    const single = join(tmp, 'single');
    const size1 = makeProject(single, 1);
    const one = measure(single, env, runs, hasZip);
    rmSync(single, { recursive: true, force: true });
    const double = join(tmp, 'double');
    const size2 = makeProject(double, 2);
    const two = measure(double, env, runs, false);

    const wall = one.deploy.map((r) => r.s);
    const rss1 = median(one.deploy.map((r) => r.mib));
    const rss2 = median(two.deploy.map((r) => r.mib));
    const what1 = `${size1.files} files, ${(size1.bytes / MIB).toFixed(1)} MiB`;
    const what2 = `${size2.files} files, ${(size2.bytes / MIB).toFixed(1)} MiB`;
    const rows = [];
    const floor = hasZip ? median(one.zip.map((r) => r.s)) : undefined;
    if (hasZip) rows.push({ figure: `deploy: zip -r -q of assets/ (floor; ${what1}; median of ${runs})`, measured: fmt(one.zip.map((r) => r.s)) });
    rows.push({
      figure: `deploy: rosi deploy to the emulator (${what1}; median of ${runs})`,
      target: hasZip ? '≤ 1.5× zip' : undefined,
      measured: fmt(wall),
      ratio: floor ? `${(median(wall) / floor).toFixed(2)}×` : undefined,
      pass: floor ? median(wall) / floor <= 1.5 : undefined,
    });
    rows.push({ figure: `deploy: rosi deploy peak RSS (${what1})`, target: '≤ 150 MiB', measured: `${rss1.toFixed(0)} MiB`, pass: rss1 <= 150 });
    rows.push({ figure: `deploy: rosi deploy at double size (${what2}; median of ${runs})`, measured: fmt(two.deploy.map((r) => r.s)) });
    rows.push({
      figure: `deploy: peak RSS at double size (${what2})`,
      target: '≤ 1.2× single',
      measured: `${rss2.toFixed(0)} MiB`,
      ratio: `${(rss2 / rss1).toFixed(2)}×`,
      pass: rss2 <= 1.2 * rss1,
    });
    return rows;
  } finally {
    await emu.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await bench(Number(process.argv[2] ?? 3));
  process.stdout.write(`${markdownTable(rows)}\n`);
}
