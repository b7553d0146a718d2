import { describe, expect, it } from 'vitest';
import { parameterErrors, parameterSpecs, wireParameters } from './parameters.js';

const specs = parameterSpecs({
  properties: {
    channel: { type: 'slack#/types/channel_id', title: 'Channel' },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    on: { type: 'boolean' },
    list: { type: 'array' },
    obj: { type: 'object' },
    ctx: { type: 'slack#/types/interactivity' },
    at: { type: 'slack#/types/timestamp' },
    text: { type: 'slack#/types/rich_text' },
    custom: { type: '#/types/mine' },
  },
  required: ['channel', 'count'],
});

describe('parameters', () => {
  it('the wire shape of function_executed: an array with is_required, the name as the title when none', () => {
    expect(wireParameters(specs.slice(0, 2))).toEqual([
      { type: 'slack#/types/channel_id', name: 'channel', title: 'Channel', description: '', is_required: true },
      { type: 'integer', name: 'count', title: 'count', description: '', is_required: true },
    ]);
  });

  it('values that fit pass; undeclared names pass; custom types are not checked', () => {
    const values = {
      channel: 'C1',
      count: 2,
      ratio: 0.5,
      on: true,
      list: [],
      obj: {},
      ctx: { interactivity_pointer: 'p' },
      at: 1700000000,
      text: 'hi',
      custom: 1,
      extra: 'x',
    };
    expect(parameterErrors(specs, values)).toEqual([]);
  });

  it('missing or null required values, then values of the wrong type, in Slack’s words for a missing one', () => {
    expect(parameterErrors(specs, { count: null, ratio: 'x', on: 'true', list: {}, obj: [], ctx: 'p', at: '1', text: 5 })).toEqual([
      'Null value for non-nullable parameter `channel`',
      'Null value for non-nullable parameter `count`',
      'Value for parameter `ratio` must be of type number',
      'Value for parameter `on` must be of type boolean',
      'Value for parameter `list` must be of type array',
      'Value for parameter `obj` must be of type object',
      'Value for parameter `ctx` must be of type slack#/types/interactivity',
      'Value for parameter `at` must be of type slack#/types/timestamp',
      'Value for parameter `text` must be of type slack#/types/rich_text',
    ]);
    expect(parameterErrors(specs, { channel: 'C1', count: 1.5 })).toEqual(['Value for parameter `count` must be of type integer']);
  });
});
