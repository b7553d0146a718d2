import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { catalog, lookup } from './catalog.js';
import { ExitCode } from './exit-codes.js';

// Contract §8: the codes the official CLI special-cases. Each must have an entry.
const CONTRACT_CODES = [
  'invalid_auth',
  'token_expired',
  'token_revoked',
  'already_logged_out',
  'not_authed',
  'invalid_challenge',
  'missing_challenge',
  'invalid_refresh_token',
  'token_rotation_error',
  'invalid_parameters',
  'cli_update_required',
  'missing_scope',
  'credentials_not_found',
  'app_not_found',
  'installation_required',
  'app_not_hosted',
  'invalid_app_id',
  'app_approval_request_eligible',
  'app_approval_request_pending',
  'app_approval_request_denied',
  'connector_not_installed',
  'connector_approval_required',
  'breaking_change',
  'schema_compatibility_error',
  'datastore_error',
  'datastore_not_found',
  'datastore_missing_primary_key',
  'invalid_datastore_expression',
  'invalid_datastore',
  'failed_datastore_operation',
  'over_resource_limit',
  'invalid_cursor',
  'no_file',
  'invalid_s3_key',
  'file_rejected',
  'unknown_file_type',
  'unsupported_file_name',
  'ratelimited',
  'internal_error',
  'http_request_failed',
  'http_response_invalid',
  'unable_to_parse_json',
  'mismatched_flags',
  'missing_flag',
  'invalid_app_flag',
  'prompt_error',
];

// Runtime contract §1.4 (trigger codes of the official CLI's catalogue) and §1.2 (trigger access).
const TRIGGER_CODES = [
  'workflow_not_found',
  'invalid_trigger',
  'invalid_trigger_type',
  'invalid_trigger_config',
  'invalid_trigger_event_type',
  'invalid_trigger_inputs',
  'invalid_interactive_trigger_inputs',
  'invalid_arguments_customizable_inputs',
  'customizable_inputs_only_allowed_on_link_triggers',
  'customizable_inputs_not_allowed_on_optional_inputs',
  'customizable_input_missing_matching_workflow_input',
  'customizable_input_unsupported_type',
  'invalid_workflow_app_id',
  'invalid_workflow_id',
  'invalid_user_id',
  'invalid_channel_id',
  'invalid_webhook_config',
  'invalid_webhook_schema_ref',
  'trigger_not_found',
  'trigger_does_not_exist',
  'parameter_validation_failed',
  'invalid_scopes',
  'no_triggers',
  'invalid_permission_type',
  'named_entities_cannot_be_empty',
  'user_not_found',
  'invalid_trigger_access',
];

describe('catalog', () => {
  it.each(CONTRACT_CODES)('%s has an entry', (code) => {
    expect(lookup(code)?.message).toBeTruthy();
  });

  it.each(TRIGGER_CODES)('trigger code %s has an entry', (code) => {
    expect(lookup(code)?.message).toBeTruthy();
  });

  it.each(Object.entries(catalog))('%s: snake_case code, a message, and a hint that is a sentence', (code, entry) => {
    expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(entry.message.trim()).toBe(entry.message);
    expect(entry.message).not.toMatch(/\.$/);
    if (entry.hint !== undefined) expect(entry.hint).toMatch(/[.)]$/);
  });

  it('lookup does not reach Object.prototype', () => {
    expect(lookup('constructor')).toBeUndefined();
    expect(lookup('__proto__')).toBeUndefined();
  });
});

describe('ApiError exit codes', () => {
  it.each([
    { code: 'invalid_auth', exit: ExitCode.auth },
    { code: 'token_expired', exit: ExitCode.auth },
    { code: 'token_revoked', exit: ExitCode.auth },
    { code: 'not_authed', exit: ExitCode.auth },
    { code: 'internal_error', exit: ExitCode.failed },
    { code: 'ratelimited', exit: ExitCode.failed },
    { code: 'invalid_challenge', exit: ExitCode.failed },
    { code: 'http_request_failed', exit: ExitCode.failed },
    { code: 'not_in_the_catalog', exit: ExitCode.failed },
  ])('$code → exit $exit', ({ code, exit }) => {
    expect(new ApiError({ method: 'auth.test', error: code }).exitCode).toBe(exit);
  });

  it.each([
    { name: 'catalogue text', init: { error: 'token_expired' }, message: 'Your access token has expired', hint: 'Run `rosi login` to log in again.' },
    {
      name: 'the server’s description wins',
      init: { error: 'token_expired', description: 'Expired at noon' },
      message: 'Expired at noon',
      hint: 'Run `rosi login` to log in again.',
    },
    { name: 'unknown code', init: { error: 'brand_new' }, message: 'The request failed', hint: undefined },
    {
      name: 'Retry-After replaces the hint',
      init: { error: 'ratelimited', retryAfter: 90 },
      message: 'Slack is rate limiting these requests',
      hint: 'Slack asked to wait 90 s before retrying; try again after that.',
    },
  ])('$name', ({ init, message, hint }) => {
    const e = new ApiError({ method: 'auth.test', ...init });
    expect(e.message).toBe(message);
    expect(e.hint).toBe(hint);
    expect(e.code).toBe(init.error);
    expect(e.slackError).toBe(init.error);
  });

  it('details list errors[] then response_metadata.messages', () => {
    const e = new ApiError({
      method: 'apps.manifest.validate',
      error: 'invalid_manifest',
      details: [{ message: 'too long', code: 'max_length', pointer: '/name', remediation: 'shorten it' }, { code: 'only_code' }],
      messages: ['[ERROR] something'],
    });
    expect(e.details).toEqual(['too long (max_length) at /name — shorten it', '(only_code)', '[ERROR] something']);
  });
});
