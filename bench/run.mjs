// Runs every benchmark in bench/ and writes one Markdown report to stdout and bench/RESULTS.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable } from './lib.mjs';

const dir = new URL('.', import.meta.url);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f))
  .sort();
const rows = [];
for (const s of scripts) {
  const mod = await import(new URL(s, dir).href);
  process.stderr.write(`running ${s}…\n`);
  rows.push(...(await mod.bench()));
}
const report = `# rosi benchmarks\n\nMeasured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.\n\n${markdownTable(rows)}\n`;
writeFileSync(fileURLToPath(new URL('RESULTS.md', dir)), report);
process.stdout.write(report);
process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
