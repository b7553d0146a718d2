import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * For a test file: `project({ 'apps.json': … })` makes a temporary project folder with those
 * files in its `.slack/`; every one made during a test is removed after it.
 */
export function projectFolders(): (files: Record<string, string>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), 'rosi-project-'));
    made.push(dir);
    mkdirSync(join(dir, '.slack'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.slack', name), text);
    return dir;
  };
}

/** An official `.slack/apps.json` with one deployed app (and a field rosi does not know). */
export const DEPLOYED_APPS = {
  apps: {
    T0ALPHA001: { app_id: 'A0ALPHA001', team_domain: 'alpha', team_id: 'T0ALPHA001', user_id: 'U1', future_field: 1 },
  },
  default: 'alpha',
};
