// Runs every benchmark in bench/ and writes one Markdown report to stdout and bench/RESULTS.md.
// A benchmark that exports `section(rows)` gets a section of its own after the shared table.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable, sectionOf, writeFileAtomic } from './lib.mjs';

const dir = new URL('.', import.meta.url);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs'].includes(f))
  .sort();
const rows = [];
const sections = [];
let failed = false;
for (const s of scripts) {
  const mod = await import(new URL(s, dir).href);
  process.stderr.write(`running ${s}…\n`);
  let own;
  try {
    own = await mod.bench();
  } catch (e) {
    // One bench that breaks does not cost the others' figures: it gets a row saying so.
    process.stderr.write(`${s} did not finish: ${e.stack ?? e}\n`);
    own = [{ figure: `${s}: did not finish`, measured: String(e.message ?? e).split('\n')[0], pass: false }];
  }
  failed ||= own.some((r) => r.pass === false);
  if (mod.section) sections.push(mod.section(own));
  else rows.push(...own);
}
// The profiles of targets not met are written by hand from profiling sessions, not by a bench: kept as they are.
const KEPT = 'Where the time goes';
const results = fileURLToPath(new URL('RESULTS.md', dir));
const kept = existsSync(results) ? sectionOf(readFileSync(results, 'utf8'), KEPT) : undefined;
const report = [
  `# rosi benchmarks\n\nMeasured ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.\n\n${markdownTable(rows)}\n`,
  ...sections,
  ...(kept ? [kept] : []),
].join('\n');
writeFileAtomic(results, report);
process.stdout.write(report);
process.exitCode = failed ? 1 : 0;
