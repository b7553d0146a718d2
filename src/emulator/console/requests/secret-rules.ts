import type { SecretAt } from './safe-copy.js';

/**
 * Secrets a call carries under names that say nothing (what `safeCopy` finds by itself: fields named as secrets
 * — token, refresh_token, client_secret, signing_secret, X-Amz-Signature, Policy, challenge, ticket… — values
 * shaped as tokens, and webhook URLs' secrets). One entry per method, for its params and for its answer.
 */
const RULES: Record<string, { params?: SecretAt; answer?: SecretAt }> = {
  // A hosted variable's value is the app's secret (an API key, a password): only its name is shown. A form
  // body sends the list as a JSON string, which is hidden whole.
  'apps.hosted.variables.add': {
    params: (path, value) =>
      (path.length === 3 && path[0] === 'variables' && path[2] === 'value') || (path.length === 1 && path[0] === 'variables' && typeof value === 'string'),
  },
  // Every field of a presigned POST but the object's key: together they are the right to upload.
  'apps.hosted.generatePresignedPost': {
    answer: (path) => path.length === 2 && path[0] === 'fields' && path[1] !== 'key',
  },
};

const never: SecretAt = () => false;

export function secretsOf(method: string): { params: SecretAt; answer: SecretAt } {
  const rules = Object.hasOwn(RULES, method) ? RULES[method] : undefined;
  return { params: rules?.params ?? never, answer: rules?.answer ?? never };
}
