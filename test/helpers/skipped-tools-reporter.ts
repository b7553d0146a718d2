import { basename } from 'node:path';
import type { Reporter, TestModule, TestSuite, Vitest } from 'vitest/node';
import { howToInstall, type SystemTool } from './system-tools.js';

/**
 * The default reporter counts skipped tests but does not say why. This adds one line at the
 * end of the run naming the tests skipped because a program is not installed (describeWith
 * in system-tools.ts), what they need and how to install it, so a green run on a bare
 * machine cannot pass for a whole one.
 */
export default class SkippedToolsReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const line = skippedToolsLine(modules);
    if (line) this.vitest?.logger.log(line);
  }
}

export function skippedToolsLine(modules: ReadonlyArray<TestModule>): string | undefined {
  const byTools = new Map<string, { tools: SystemTool[]; where: Map<string, number> }>();
  for (const module of modules) {
    for (const suite of module.children.allSuites()) {
      const tools = suite.meta().missingTools;
      // Nested describes inherit the meta; count each skipped block once, at its top.
      if (!tools?.length || inherited(suite)) continue;
      const key = tools.join(', ');
      const entry = byTools.get(key) ?? { tools, where: new Map<string, number>() };
      const file = basename(module.moduleId);
      entry.where.set(file, (entry.where.get(file) ?? 0) + [...suite.children.allTests()].length);
      byTools.set(key, entry);
    }
  }
  if (byTools.size === 0) return undefined;
  const parts = [...byTools].map(([key, { where }]) => `${key} → ${[...where].map(([file, n]) => `${file} (${n} test${n === 1 ? '' : 's'})`).join(', ')}`);
  const tools = [...new Set([...byTools.values()].flatMap((e) => e.tools))];
  return `Skipped, programs not on PATH: ${parts.join('; ')}. Install them (${howToInstall(tools)}) or run .ci/run; ROSI_REQUIRE_SYSTEM_TOOLS=1 makes these fail instead.`;
}

function inherited(suite: TestSuite): boolean {
  return suite.parent.type === 'suite' && (suite.parent.meta().missingTools?.length ?? 0) > 0;
}
