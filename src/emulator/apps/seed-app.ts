import type { Manifest } from './apps-store.js';
import { EmulatorError } from '../errors.js';
import type { EmulatorDeps } from '../deps.js';
import { newClientId } from '../ids.js';
import { validateManifest } from './manifest-rules.js';

/**
 * The app `rosi emulator --manifest` creates. Always this ID: scripts and tests can name it
 * without reading the emulator's output, and starting again with an edited manifest updates
 * the same app (its datastore items stay) instead of piling up new ones.
 */
export const SEEDED_APP_ID = 'A0EMULATOR1';

/** Creates the seeded app for the seeded team and user, or gives the existing one this manifest. */
export function seedApp(deps: EmulatorDeps, manifest: Manifest): string {
  const problems = validateManifest(manifest);
  if (problems.length > 0) {
    const list = problems.map((p) => (p.pointer ? `${p.pointer}: ${p.message}` : p.message)).join('; ');
    throw new EmulatorError('invalid_manifest', `The manifest has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${list}`, {
      hint: 'Fix the manifest file and start the emulator again.',
    });
  }
  const now = deps.now();
  deps.store.transaction(() => {
    const existing = deps.store.apps.get(SEEDED_APP_ID);
    if (existing && existing.team_id !== deps.team.id) {
      throw new EmulatorError('seeded_app_conflict', `${SEEDED_APP_ID} belongs to team ${existing.team_id} in this data dir, not ${deps.team.id}`, {
        hint: 'Start with the --team-id used before, or point --data-dir at another folder.',
      });
    }
    if (existing) deps.store.apps.updateManifest(SEEDED_APP_ID, manifest, now);
    else deps.store.apps.create({ id: SEEDED_APP_ID, teamId: deps.team.id, ownerId: deps.user.id, clientId: newClientId(), manifest, now });
    // A restart with another --user-id still lets that developer reach the app.
    deps.store.apps.addCollaborator(SEEDED_APP_ID, deps.user.id, existing ? 'collaborator' : 'owner', now);
  });
  return SEEDED_APP_ID;
}
