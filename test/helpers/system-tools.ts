import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';
import { findDeno } from '../../src/emulator/runtime/index.js';

/**
 * Programs a few tests drive: Chromium (the approval page), bash, zsh and fish (completion
 * scripts), Java (DynamoDB Local), `script` (a pseudo-terminal), which npm cannot install and are looked up on PATH
 * as the tests run them; and Deno (the emulator's function runtime), an optional npm dependency,
 * looked up where the emulator looks (ROSI_DENO, the npm package, PATH). On a machine with only Node and npm those tests are skipped,
 * each saying what is missing, and the run ends with one line listing them
 * (skipped-tools-reporter.ts); where the suite must be whole (.ci/run sets
 * ROSI_REQUIRE_SYSTEM_TOOLS=1, after installing them) a missing one fails.
 */
const PROBES = {
  chromium: ['--version'],
  bash: ['--version'],
  zsh: ['--version'],
  fish: ['--version'],
  java: ['-version'],
  // util-linux `script`: gives the CLI a pseudo-terminal, for tests of what rosi does on a terminal.
  script: ['--version'],
  deno: ['--version'],
} as const;

export type SystemTool = keyof typeof PROBES;

/** The Debian package that provides each program; Deno comes from npm instead. */
export const PACKAGES: Partial<Record<SystemTool, string>> = {
  chromium: 'chromium',
  bash: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  java: 'default-jre-headless',
  script: 'bsdutils',
};

/** How to install the missing programs, in one phrase. */
export function howToInstall(tools: SystemTool[]): string {
  const debian = [...new Set(tools.flatMap((t) => PACKAGES[t] ?? []))];
  return [
    ...(debian.length ? [`Debian: apt-get install ${debian.join(' ')}`] : []),
    ...(tools.includes('deno') ? ['Deno: npm install brings it as an optional dependency, or set ROSI_DENO=/path/to/deno'] : []),
  ].join('; ');
}

/** Deno where the emulator finds it, resolved once for the whole test file. */
const denoPath = (await findDeno({ explicit: process.env.ROSI_DENO, searchPath: process.env.PATH })).path ?? undefined;

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a describe skipped because these programs are not installed. */
    missingTools?: SystemTool[];
  }
}

const found = new Map<SystemTool, string | undefined>();

/** The program's absolute path on PATH, if it is there and runs. */
export function toolPath(name: SystemTool): string | undefined {
  if (!found.has(name)) {
    const path = name === 'deno' ? denoPath : onPath(name);
    const r = path ? spawnSync(path, PROBES[name], { stdio: 'ignore', timeout: 10_000 }) : undefined;
    found.set(name, r && !r.error && r.status === 0 ? path : undefined);
  }
  return found.get(name);
}

export function hasTool(name: SystemTool): boolean {
  return toolPath(name) !== undefined;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** `describe`, or a skipped one naming the missing programs (a failing one when they are required). */
export function describeWith(tools: SystemTool[], name: string, body: () => void): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const where = missing.includes('deno') ? 'not installed' : 'not on PATH';
  const why = `needs ${missing.join(', ')}, ${where} (${howToInstall(missing)}; .ci/run installs them)`;
  if (process.env.ROSI_REQUIRE_SYSTEM_TOOLS === '1') {
    describe(name, () => {
      it('has the programs it drives', () => {
        throw new Error(`${why}; ROSI_REQUIRE_SYSTEM_TOOLS=1 requires them`);
      });
    });
    return;
  }
  describe.skip(`${name} — skipped: ${why}`, { meta: { missingTools: missing } }, body);
}

/** One test that drives a program its neighbours do not need: `it` inside a describeWith of its own. */
export function itWith(tools: SystemTool[], name: string, fn: () => Promise<void> | void, timeout?: number): void {
  describeWith(tools, name, () => {
    it(name, fn, timeout);
  });
}
