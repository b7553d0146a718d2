import type { ResponseOf } from '../../api/methods.js';
import { accessibleApp, canAccess } from './app-access.js';
import type { AppRow, Manifest } from './apps-store.js';
import { authenticate } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { newAppId, newAppSecret, newBotToken, newClientId, newVerificationToken } from '../ids.js';
import { compareManifests, isHosted, isObject, manifestBotScopes, schemaCompatibilityIssue, validateManifest, type ManifestIssue } from './manifest-rules.js';
import { MethodError } from '../errors.js';
import { boolParam, jsonParam, originOf, stringParam, type Family, type ParsedRequest } from '../http/index.js';

function manifestParam(req: ParsedRequest): Manifest {
  const m = jsonParam(req, 'manifest');
  if (!isObject(m)) throw new MethodError('invalid_arguments');
  return m;
}

/**
 * A list parameter: a JSON array (JSON bodies, or a JSON string in a form), or a
 * comma-separated string as form encoders send lists. Undefined when absent.
 */
function listParam(req: ParsedRequest, name: string): string[] | undefined {
  const raw = req.params[name];
  if (raw === undefined || raw === '') return undefined;
  const value =
    typeof raw === 'string' && !raw.trimStart().startsWith('[')
      ? raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : jsonParam(req, name);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new MethodError('invalid_arguments');
  return value;
}

interface Review {
  errors: ManifestIssue[];
  warnings: ManifestIssue[];
  removedDatastores: string[];
}

/** The manifest's own problems, plus, for an existing app, what replacing its manifest would break. */
function review(manifest: Manifest, app: AppRow | undefined): Review {
  const errors = validateManifest(manifest);
  // Nothing else may walk a manifest too deep to validate.
  if (!app || errors.some((e) => e.code === 'manifest_too_deep')) return { errors, warnings: [], removedDatastores: [] };
  const changes = compareManifests(app.manifest, manifest);
  if (changes.removedDatastores.length > 0) errors.push(schemaCompatibilityIssue(changes.removedDatastores));
  return { errors, warnings: changes.warnings, removedDatastores: changes.removedDatastores };
}

function invalidManifest(r: Pick<Review, 'errors' | 'warnings'>): MethodError {
  return new MethodError('invalid_manifest', { errors: r.errors, ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}) });
}

function validate(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.manifest.validate'> {
  const auth = authenticate(req, deps);
  const manifest = manifestParam(req);
  const app = stringParam(req, 'app_id') === undefined ? undefined : accessibleApp(auth, req, deps);
  const r = review(manifest, app);
  if (r.errors.length > 0) throw invalidManifest(r);
  return { errors: [], ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}) };
}

function create(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.manifest.create'> {
  const { team, user } = authenticate(req, deps);
  const manifest = manifestParam(req);
  const r = review(manifest, undefined);
  if (r.errors.length > 0) throw invalidManifest(r);
  const id = newAppId();
  const clientId = newClientId();
  deps.store.transaction(() => deps.store.apps.create({ id, teamId: team.id, ownerId: user.id, clientId, manifest, now: deps.now() }));
  const scope = encodeURIComponent(manifestBotScopes(manifest).join(','));
  return {
    app_id: id,
    // Secrets are shown once, as Slack does; the emulator keeps none of them.
    credentials: { client_id: clientId, client_secret: newAppSecret(), verification_token: newVerificationToken(), signing_secret: newAppSecret() },
    oauth_authorize_url: `${originOf(req, deps)}/oauth/v2/authorize?client_id=${clientId}&scope=${scope}`,
  };
}

function update(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.manifest.update'> {
  const auth = authenticate(req, deps);
  const manifest = manifestParam(req);
  const app = accessibleApp(auth, req, deps);
  const r = review(manifest, app);
  // force_update is the user's consent to lose the data of removed datastores; nothing else.
  const blocking = boolParam(req, 'force_update') ? r.errors.filter((e) => e.code !== 'schema_compatibility_error') : r.errors;
  if (blocking.length > 0) throw invalidManifest({ errors: blocking, warnings: r.warnings });
  deps.store.transaction(() => {
    deps.store.apps.updateManifest(app.id, manifest, deps.now());
    // What force_update consented to: the items go with their datastore, not to reappear if it comes back.
    for (const name of r.removedDatastores) deps.store.items.deleteDatastore(app.id, name);
  });
  return { app_id: app.id };
}

function exportManifest(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.manifest.export'> {
  const app = accessibleApp(authenticate(req, deps), req, deps);
  return { manifest: app.manifest };
}

function developerInstall(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.developerInstall'> {
  const auth = authenticate(req, deps);
  const app = accessibleApp(auth, req, deps);
  // Org-wide grants do not exist here: the only team an app can be installed in is its own.
  const teamId = stringParam(req, 'team_id');
  if (teamId !== undefined && teamId !== app.team_id) throw new MethodError('invalid_team_id');
  const outgoing =
    listParam(req, 'outgoing_domains') ??
    (Array.isArray(app.manifest.outgoing_domains) ? app.manifest.outgoing_domains.filter((d): d is string => typeof d === 'string') : []);
  const bot = newBotToken();
  deps.store.apps.install({
    app_id: app.id,
    team_id: app.team_id,
    bot_scopes: listParam(req, 'bot_scopes') ?? manifestBotScopes(app.manifest),
    outgoing_domains: outgoing,
    installed_by: auth.user.id,
    botToken: bot,
    now: deps.now(),
  });
  return { app_id: app.id, api_access_tokens: { bot } };
}

/**
 * Apps the caller cannot see are left out rather than failing the call: the CLI asks about
 * all the apps of a project at once, and a missing entry already means "not found" to it.
 */
function status(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.status'> {
  const auth = authenticate(req, deps);
  const ids = listParam(req, 'app_ids');
  if (!ids || ids.length === 0) throw new MethodError('invalid_arguments');
  const teamId = stringParam(req, 'team_id') ?? auth.team.id;
  const apps = [...new Set(ids)].flatMap((id) => {
    const app = deps.store.apps.get(id);
    return app && app.team_id === teamId && canAccess(auth, app, deps) ? [describe(app, deps)] : [];
  });
  return { apps };
}

function describe(app: AppRow, deps: EmulatorDeps) {
  const installed = deps.store.apps.installation(app.id, app.team_id) !== undefined;
  return { app_id: app.id, status: installed ? 'installed' : 'not_installed', is_installed: installed, is_hosted: isHosted(app.manifest) };
}

export const appsFamily: Family = {
  'apps.manifest.validate': validate,
  'apps.manifest.create': create,
  'apps.manifest.update': update,
  'apps.manifest.export': exportManifest,
  'apps.developerInstall': developerInstall,
  'apps.status': status,
};
