// The app's workflows as a trigger sees them, from the same manifest deploy builds; the reading rules are
// lib/trigger-rules', shared with the emulator.
import { loadManifest, type LoadManifestOptions } from '../../deploy/bundle/manifest.js';
import type { ProjectHooks } from '../../deploy/bundle/run-hook.js';
import { manifestWorkflows } from '../../lib/trigger-rules/manifest-workflows.js';
import type { ManifestWorkflow } from '../../lib/trigger-rules/types.js';

export { manifestWorkflows };

/**
 * The workflows of the project's manifest (its `get-manifest` hook, else manifest.json/.ts/.js), in manifest order.
 * @throws the errors of {@link loadManifest}.
 */
export async function loadManifestWorkflows(root: string, hooks: ProjectHooks | undefined, opts: LoadManifestOptions): Promise<ManifestWorkflow[]> {
  return manifestWorkflows(await loadManifest(root, hooks, opts));
}
