import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadHooks } from '../../deploy/bundle/hooks.js';
import { checkTrigger } from './error.js';
import { loadManifestWorkflows } from './manifest-workflows.js';
import { readTriggerDefinition } from './read.js';

const root = fileURLToPath(new URL('../../../examples/hello-rosi/', import.meta.url));
const env = { PATH: process.env.PATH };

// The sample app's trigger files are what a new user copies first: they must pass rosi's own checks.
describe('examples/hello-rosi trigger definitions', () => {
  it.each([
    { file: 'triggers/greet_webhook.ts', type: 'webhook', workflow: '#/workflows/greet_and_remember', inputs: ['channel', 'name'] },
    { file: 'triggers/daily_summary.ts', type: 'scheduled', workflow: '#/workflows/daily_summary', inputs: ['channel'] },
  ])('$file (typed with the SDK’s Trigger) is valid against the sample manifest', async ({ file, type, workflow, inputs }) => {
    const hooks = await loadHooks(root, { env });
    const workflows = await loadManifestWorkflows(root, hooks, { env });
    const { definition } = await readTriggerDefinition(file, { cwd: root, root, env });
    const request = checkTrigger(definition, workflows, file);
    expect(request).toMatchObject({ type, workflow });
    expect(Object.keys(request.inputs ?? {})).toEqual(inputs);
  });
});
