import type { SlackApi } from '../../api/client.js';
import { uploadToPresigned, type UploadOptions } from '../../api/upload.js';
import { ApiError } from '../../errors/api-error.js';
import { CancelledError, CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

export type Manifest = Record<string, unknown>;

export interface ManifestWarning {
  code?: string | undefined;
  message?: string | undefined;
  pointer?: string | undefined;
}

export type ShipEvent =
  | { phase: 'validate' | 'install' | 'presign' | 'finalize' }
  | { phase: 'create' | 'update'; name: string }
  | { phase: 'upload'; size: number }
  | { phase: 'warning'; warning: ManifestWarning }
  | { phase: 'retry'; reason: string; delayMs: number };

export interface ShipInput {
  api: SlackApi;
  manifest: Manifest;
  /** The app to update; undefined creates a new one. */
  appId: string | undefined;
  archive: { path: string; size: number };
  force: boolean;
  /** This deploy again with --force, as the user would type it: hints print it. */
  forceCommand: string;
  /** Asked when validation reports breaking changes and --force is not set. */
  confirmBreaking: (warnings: ManifestWarning[]) => Promise<boolean>;
  /** How to reach the upload host (no token: it is not Slack). */
  upload: Omit<UploadOptions, 'renew' | 'onRetry'>;
  onEvent: (e: ShipEvent) => void;
  /** Bookkeeping around `apps.manifest.create`, so an app it made is never lost or made twice. */
  creating?: CreateHooks;
}

export interface CreateHooks {
  /** Before the request is sent: from here on, an app may exist that nobody recorded. */
  before(): Promise<void>;
  /** Slack answered with the new app, before anything else can fail. */
  created(appId: string): Promise<void>;
  /** Slack said no, so no app was made. Not called when the outcome is unknown (a lost answer, a 5xx). */
  refused(): Promise<void>;
}

export interface ShipResult {
  appId: string;
  created: boolean;
  s3Key: string;
}

/**
 * The wire sequence of a hosted deploy (contract §5.1): validate → create or update →
 * developerInstall → generatePresignedPost → upload → hosted.upload.
 */
export async function shipApp(i: ShipInput): Promise<ShipResult> {
  const { api, manifest } = i;
  i.onEvent({ phase: 'validate' });
  const validation = await api.call('apps.manifest.validate', { manifest, ...(i.appId ? { app_id: i.appId } : {}) }).catch((e: unknown) => {
    throw schemaCompatibility(e, i.force, i.forceCommand) ?? e;
  });
  const warnings = validation.warnings ?? [];
  const breaking = warnings.filter((w) => w.code === 'breaking_change');
  for (const w of warnings) i.onEvent({ phase: 'warning', warning: w });
  if (breaking.length && !i.force && !(await i.confirmBreaking(breaking))) {
    throw new CancelledError('Deploy cancelled: the manifest has breaking changes', { hint: `To accept them: ${i.forceCommand}` });
  }

  const name = appName(manifest);
  let appId = i.appId;
  const created = !appId;
  if (!appId) {
    i.onEvent({ phase: 'create', name });
    await i.creating?.before();
    try {
      appId = (await api.call('apps.manifest.create', { manifest })).app_id;
    } catch (e) {
      if (wasRefused(e)) await i.creating?.refused();
      throw e;
    }
    await i.creating?.created(appId);
  } else {
    i.onEvent({ phase: 'update', name });
    await api
      .call('apps.manifest.update', { manifest, app_id: appId, ...(i.force ? { force_update: true } : {}), consent_breaking_changes: true })
      .catch((e: unknown) => {
        throw schemaCompatibility(e, false, i.forceCommand) ?? e;
      });
  }

  i.onEvent({ phase: 'install' });
  const scopes = botScopes(manifest);
  const domains = Array.isArray(manifest.outgoing_domains) ? manifest.outgoing_domains.filter((d): d is string => typeof d === 'string') : [];
  await api.call('apps.developerInstall', {
    app_id: appId,
    ...(scopes.length ? { bot_scopes: scopes } : {}),
    ...(domains.length ? { outgoing_domains: domains } : {}),
  });

  i.onEvent({ phase: 'presign' });
  const id = appId;
  const presign = () => api.call('apps.hosted.generatePresignedPost', { app_id: id });
  const first = await presign();
  i.onEvent({ phase: 'upload', size: i.archive.size });
  const used = await uploadToPresigned(first, i.archive.path, i.archive.size, {
    ...i.upload,
    renew: presign,
    onRetry: (reason, delayMs) => i.onEvent({ phase: 'retry', reason, delayMs }),
  });

  i.onEvent({ phase: 'finalize' });
  await api.call('apps.hosted.upload', { app_id: appId, s3_key: used.file_name, runtime: 'deno' });
  return { appId, created, s3Key: used.file_name };
}

/**
 * Whether a failed call certainly did nothing: Slack answered `ok:false` on a 200, or refused
 * before running it (429, 503). A lost answer, a 500 or a timeout may come after it ran.
 */
function wasRefused(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.status === 429 || e.status === 503) return true;
  return e.status === 200 && e.slackError !== 'internal_error' && e.slackError !== 'fatal_error';
}

/**
 * Slack answers a deploy that would delete datastores with `schema_compatibility_error`
 * in an error detail; that data loss must be asked for with --force.
 */
function schemaCompatibility(e: unknown, force: boolean, forceCommand: string): CliError | undefined {
  if (force || !(e instanceof ApiError)) return undefined;
  const text = [e.message, ...e.details].join('\n');
  const m = /schema_compatibility_error:?\s*([^\n]*)/.exec(text);
  if (!m) return undefined;
  return new CliError(
    'schema_compatibility_error',
    `This deploy would delete data: ${m[1] || 'a datastore is removed or changed incompatibly'}`,
    ExitCode.failed,
    {
      hint: `If that is what you want, run: ${forceCommand}`,
      cause: e,
    },
  );
}

export function appName(manifest: Manifest): string {
  const info = manifest.display_information as { name?: unknown } | undefined;
  return typeof info?.name === 'string' ? info.name : 'app';
}

function botScopes(manifest: Manifest): string[] {
  const scopes = (manifest.oauth_config as { scopes?: { bot?: unknown } } | undefined)?.scopes?.bot;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * What the official CLI sets on a slack-hosted manifest before sending it (contract
 * §5.2 step 4): the runtime, and Slack itself as the interactivity and events endpoint.
 */
export function hostedManifest(manifest: Manifest, apiHost: string): Manifest {
  const settings = { ...((manifest.settings as Record<string, unknown> | undefined) ?? {}) };
  settings.function_runtime = 'slack';
  settings.interactivity = {
    ...((settings.interactivity as object | undefined) ?? {}),
    is_enabled: true,
    request_url: apiHost,
    message_menu_options_url: apiHost,
  };
  settings.event_subscriptions = { ...((settings.event_subscriptions as object | undefined) ?? {}), request_url: apiHost };
  return { ...manifest, settings };
}
