import * as z from 'zod/mini';

/*
 * `developer.apps.owners.list` (runtime contract §1.9): the app's collaborators, form POST with the token as a
 * `token` field. The official CLI reads `user_id` (and shows email and name when given).
 */
export const DeveloperAppsOwnersListRequest = z.strictObject({ app_id: z.string().check(z.minLength(1)) });

export const AppOwner = z.looseObject({
  user_id: z.string(),
  user_email: z.optional(z.string()),
  username: z.optional(z.string()),
  permission_type: z.optional(z.string()),
});
export const DeveloperAppsOwnersListResponse = z.looseObject({ owners: z.array(AppOwner) });
