import { describe, expect, it } from 'vitest';
import type { ManifestWorkflow } from '../../lib/trigger-rules/types.js';
import { checkTrigger } from './error.js';

const workflows: ManifestWorkflow[] = [
  {
    callbackId: 'greet',
    inputs: [
      { name: 'channel', type: 'slack#/types/channel_id', required: true },
      { name: 'note', type: 'string', required: false },
    ],
  },
  { callbackId: 'approve', inputs: [{ name: 'interactivity', type: 'slack#/types/interactivity', required: true }] },
  { callbackId: 'tick', inputs: [] },
];

const base = { name: 'Greet', workflow: '#/workflows/greet', inputs: { channel: { value: '{{data.channel_id}}' } } };

describe('checkTrigger', () => {
  it('returns the request when valid', () => {
    expect(checkTrigger({ ...base, type: 'shortcut' }, workflows, 'triggers/greet.json')).toMatchObject({ type: 'shortcut', workflow: '#/workflows/greet' });
  });

  it('throws one usage error (exit 2) naming the file, a detail line per problem', () => {
    let error: unknown;
    try {
      checkTrigger({ type: 'webhook', workflow: '#/workflows/greet' }, workflows, 'triggers/hook.json');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'invalid_trigger_definition',
      exitCode: 2,
      message: 'triggers/hook.json is not a valid trigger definition (2 problems)',
      details: [expect.stringMatching(/^name: is required/), expect.stringMatching(/^inputs\.channel: is required by #\/workflows\/greet/)],
    });
  });
});
