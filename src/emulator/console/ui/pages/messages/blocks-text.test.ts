import { describe, expect, it } from 'vitest';
import { blocksText } from './blocks-text.js';

describe('blocksText', () => {
  it.each([
    ['a section', [{ type: 'section', text: { type: 'mrkdwn', text: '*Hi* there' } }], '*Hi* there'],
    [
      'a section with fields',
      [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Tasks' },
          fields: [
            { type: 'mrkdwn', text: 'one' },
            { type: 'plain_text', text: 'two' },
          ],
        },
      ],
      'Tasks\none\ntwo',
    ],
    ['a header and a divider', [{ type: 'header', text: { type: 'plain_text', text: 'Daily' } }, { type: 'divider' }], 'Daily'],
    [
      'rich text runs on',
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Bonjour, ' },
                { type: 'text', text: 'Ada' },
              ],
            },
          ],
        },
      ],
      'Bonjour, Ada',
    ],
    ['nothing readable', [{ type: 'image', image_url: 'x' }, 'not a block', null], ''],
  ])('%s', (_name, blocks, text) => expect(blocksText(blocks)).toBe(text));

  it('reads deep blocks without overflowing the stack', () => {
    let deep: unknown = { text: 'bottom' };
    for (let i = 0; i < 100_000; i++) deep = { elements: [deep] };
    expect(blocksText([deep])).toBe('bottom');
  });
});
