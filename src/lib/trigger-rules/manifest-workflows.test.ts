import { describe, expect, it } from 'vitest';
import { manifestWorkflows } from './manifest-workflows.js';

describe('manifestWorkflows', () => {
  it('reads callback IDs, titles and input parameters in manifest order, leniently', () => {
    const manifest = {
      workflows: {
        greet: {
          title: 'Greet',
          description: 'Says hello',
          input_parameters: {
            properties: { channel: { type: 'slack#/types/channel_id', title: 'Channel' }, note: { description: 'optional' } },
            required: ['channel'],
          },
        },
        bare: 'not an object',
      },
    };
    expect(manifestWorkflows(manifest)).toEqual([
      {
        callbackId: 'greet',
        title: 'Greet',
        description: 'Says hello',
        inputs: [
          { name: 'channel', type: 'slack#/types/channel_id', required: true, title: 'Channel' },
          { name: 'note', type: 'unknown', required: false, description: 'optional' },
        ],
      },
      { callbackId: 'bare', inputs: [] },
    ]);
    expect(manifestWorkflows({})).toEqual([]);
  });
});
