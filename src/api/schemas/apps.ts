import * as z from 'zod/mini';

/** An app manifest travels as an opaque JSON object; the server validates it. */
export const Manifest = z.record(z.string(), z.unknown());

const Warning = z.looseObject({ code: z.optional(z.string()), message: z.optional(z.string()), pointer: z.optional(z.string()) });

export const AppsManifestValidateRequest = z.strictObject({ manifest: Manifest, app_id: z.optional(z.string()) });
export const AppsManifestValidateResponse = z.looseObject({
  errors: z.optional(z.array(z.looseObject({}))),
  warnings: z.optional(z.array(Warning)),
});

export const AppsManifestCreateRequest = z.strictObject({ manifest: Manifest, enable_distribution: z.optional(z.boolean()) });
export const AppsManifestCreateResponse = z.looseObject({
  app_id: z.string().check(z.minLength(1)),
  credentials: z.optional(
    z.looseObject({
      client_id: z.optional(z.string()),
      client_secret: z.optional(z.string()),
      verification_token: z.optional(z.string()),
      signing_secret: z.optional(z.string()),
    }),
  ),
  oauth_authorize_url: z.optional(z.string()),
});

export const AppsManifestUpdateRequest = z.strictObject({
  manifest: Manifest,
  app_id: z.string(),
  force_update: z.optional(z.boolean()),
  consent_breaking_changes: z.optional(z.boolean()),
});
export const AppsManifestUpdateResponse = z.looseObject({ app_id: z.optional(z.string()) });

export const AppsManifestExportRequest = z.strictObject({ app_id: z.string() });
export const AppsManifestExportResponse = z.looseObject({ manifest: Manifest });

export const AppsDeveloperInstallRequest = z.strictObject({
  app_id: z.string(),
  bot_scopes: z.optional(z.array(z.string())),
  outgoing_domains: z.optional(z.array(z.string())),
  team_id: z.optional(z.string()),
});
export const AppsDeveloperInstallResponse = z.looseObject({
  app_id: z.optional(z.string()),
  api_access_tokens: z.optional(z.looseObject({ bot: z.optional(z.string()), app_level: z.optional(z.string()), user: z.optional(z.string()) })),
});

export const AppsStatusRequest = z.strictObject({ app_ids: z.array(z.string()), team_id: z.optional(z.string()) });
export const AppsStatusResponse = z.looseObject({
  apps: z.array(
    z.looseObject({
      app_id: z.string(),
      status: z.optional(z.string()),
      is_installed: z.optional(z.boolean()),
      is_hosted: z.optional(z.boolean()),
      enterprise_grants: z.optional(z.array(z.looseObject({}))),
    }),
  ),
});

export const AppsHostedGeneratePresignedPostRequest = z.strictObject({ app_id: z.string() });
export const AppsHostedGeneratePresignedPostResponse = z.looseObject({
  url: z.string().check(z.minLength(1)),
  file_name: z.string().check(z.minLength(1)),
  fields: z.record(z.string(), z.string()),
});

export const AppsHostedUploadRequest = z.strictObject({ app_id: z.string(), s3_key: z.string(), runtime: z.string() });
export const AppsHostedUploadResponse = z.looseObject({});
