import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';

/**
 * The flags that point a rosi command in a problem's hint at this app on this emulator, so it runs as pasted
 * whatever other logins the user has (the browser side's twin is ui/components/cli.ts).
 */
export function appFlags(deps: Pick<EmulatorDeps, 'origin'>, app: Pick<AppRow, 'id' | 'team_id'>): string {
  return `--app ${app.id} --team ${app.team_id} --apihost ${deps.origin()}`;
}
