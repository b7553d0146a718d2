import type { IO } from '../../io/io.js';
import { formatBytes } from '../../lib/size.js';

/** `rosi deploy --json`: a public contract, documented in the README. */
export interface DeployResult {
  app_id: string;
  app_name: string;
  team_id: string;
  team: string | null;
  created: boolean;
  bundle_size: number;
  file_count: number;
  duration_ms: number;
  dashboard_url: string;
}

export function renderDeploy(r: DeployResult, ui: IO): void {
  const c = ui.colors;
  ui.out(
    `${c.green('✓')} ${r.created ? 'Created and deployed' : 'Deployed'} ${c.bold(r.app_name)} (${r.app_id}) to ${r.team ?? r.team_id} in ${(r.duration_ms / 1000).toFixed(1)} s`,
  );
  ui.out(`  Bundle     ${formatBytes(r.bundle_size)}, ${r.file_count} files`);
  ui.out(`  Dashboard  ${r.dashboard_url}`);
  ui.out(`  Next       rosi activity --tail`);
}

export interface DryRunResult {
  dry_run: true;
  app_name: string;
  bundle_size: number;
  file_count: number;
  files: { name: string; size: number }[];
}

export function renderDryRun(r: DryRunResult, ui: IO): void {
  const width = Math.max(...r.files.map((f) => formatBytes(f.size).length), 0);
  for (const f of r.files) ui.out(`${formatBytes(f.size).padStart(width)}  ${f.name}`);
  ui.out(`${r.file_count} files, ${formatBytes(r.bundle_size)} zipped: nothing was uploaded (--dry-run)`);
}
