import * as z from 'zod/mini';

export const AppsHostedGenerateAuthTicketRequest = z.strictObject({
  slack_cli_version: z.string(),
  no_rotation: z.optional(z.literal('true')),
});
export const AppsHostedGenerateAuthTicketResponse = z.looseObject({
  ticket: z.string().check(z.minLength(1)),
  /** Not sent by Slack today; the emulator adds it so rosi can show the deadline. */
  expires_at: z.optional(z.number()),
});

export const AppsHostedExchangeAuthTicketRequest = z.strictObject({
  challenge: z.string(),
  slack_cli_version: z.string(),
  ticket: z.string(),
});
export const AppsHostedExchangeAuthTicketResponse = z.looseObject({
  is_ready: z.optional(z.boolean()),
  token: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  exp: z.optional(z.number()),
  team_id: z.optional(z.string()),
  team_domain: z.optional(z.string()),
  team_name: z.optional(z.string()),
  user_id: z.optional(z.string()),
  enterprise_id: z.optional(z.string()),
  is_enterprise_install: z.optional(z.boolean()),
});

export const ToolingTokensRotateRequest = z.strictObject({ refresh_token: z.string() });
export const ToolingTokensRotateResponse = z.looseObject({
  token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  exp: z.optional(z.number()),
  iat: z.optional(z.number()),
  team_id: z.optional(z.string()),
  user_id: z.optional(z.string()),
});

export const AuthTestRequest = z.strictObject({});
export const AuthTestResponse = z.looseObject({
  url: z.optional(z.string()),
  team: z.optional(z.string()),
  user: z.optional(z.string()),
  team_id: z.string(),
  user_id: z.string(),
  enterprise_id: z.optional(z.string()),
  is_enterprise_install: z.optional(z.boolean()),
});

export const AuthRevokeRequest = z.strictObject({ test: z.optional(z.literal('true')) });
export const AuthRevokeResponse = z.looseObject({ revoked: z.optional(z.boolean()) });
