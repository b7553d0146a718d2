import * as z from 'zod/mini';

/*
 * `apps.hosted.variables.*` (runtime contract §2.1): JSON POST with a Bearer token. `add` takes
 * an array though the official CLI sends one pair per call; `list` answers names only, never values.
 */
const AppId = z.string().check(z.minLength(1));

export const AppsHostedVariablesAddRequest = z.strictObject({
  app_id: AppId,
  variables: z.array(z.strictObject({ name: z.string(), value: z.string() })),
});
export const AppsHostedVariablesAddResponse = z.looseObject({});

export const AppsHostedVariablesListRequest = z.strictObject({ app_id: AppId });
export const AppsHostedVariablesListResponse = z.looseObject({ variable_names: z.optional(z.array(z.string())) });

export const AppsHostedVariablesRemoveRequest = z.strictObject({ app_id: AppId, variable_names: z.array(z.string()) });
export const AppsHostedVariablesRemoveResponse = z.looseObject({});
