import * as z from 'zod/mini';

export const ErrorDetail = z.looseObject({
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  pointer: z.optional(z.string()),
  remediation: z.optional(z.string()),
});

export const ResponseMetadata = z.looseObject({
  next_cursor: z.optional(z.string()),
  warnings: z.optional(z.array(z.string())),
  messages: z.optional(z.array(z.string())),
});

/** Fields every Slack response may carry, success or not. */
export const Envelope = z.looseObject({
  ok: z.boolean(),
  error: z.optional(z.string()),
  warning: z.optional(z.string()),
  slack_cli_error_description: z.optional(z.string()),
  errors: z.optional(z.array(ErrorDetail)),
  response_metadata: z.optional(ResponseMetadata),
});
export type Envelope = z.infer<typeof Envelope>;
