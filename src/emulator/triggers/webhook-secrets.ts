/**
 * Every webhook URL in a text (a trigger's `webhook_url` in an answer) with its secret taken out, as
 * `loggablePath` (webhook.ts) does for a request's path: the secret is what lets anyone trip the trigger.
 */
export const withoutWebhookSecrets = (text: string): string => text.replace(/(\/triggers\/[^/\s"?#]+\/[^/\s"?#]+\/)[^/\s"?#]+/g, '$1…');
