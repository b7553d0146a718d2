import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/**
 * Programs a few e2e tests drive that npm cannot install: Chromium (the approval page),
 * zsh and fish (completion scripts), Java (DynamoDB Local). On a machine with only Node and
 * npm those tests are skipped, each saying what is missing; where the suite must be whole
 * (.ci/run sets ROSI_REQUIRE_SYSTEM_TOOLS=1, after installing them) a missing one fails.
 */
const PROBES: Record<string, [string, string[]]> = {
  chromium: ['/usr/bin/chromium', ['--version']],
  zsh: ['zsh', ['--version']],
  fish: ['fish', ['--version']],
  java: ['java', ['-version']],
};

const found = new Map<string, boolean>();

export function hasTool(name: keyof typeof PROBES): boolean {
  if (!found.has(name)) {
    const [cmd, args] = PROBES[name] as [string, string[]];
    const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    found.set(name, !r.error && r.status === 0);
  }
  return found.get(name) as boolean;
}

/** `describe`, or a skipped one naming the missing programs (a failing one when they are required). */
export function describeWith(tools: (keyof typeof PROBES)[], name: string, body: () => void): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const why = `needs ${missing.join(', ')}, not installed here (Debian: apt-get install ${missing.map((m) => (m === 'java' ? 'default-jre-headless' : m)).join(' ')}; .ci/run installs them)`;
  if (process.env.ROSI_REQUIRE_SYSTEM_TOOLS === '1') {
    describe(name, () => {
      it('has the programs it drives', () => {
        throw new Error(why);
      });
    });
    return;
  }
  describe.skip(`${name} — skipped: ${why}`, body);
}
