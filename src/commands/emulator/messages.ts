import { defineCommand } from '../../kit/define-command.js';

export const messagesCommand = defineCommand({
  name: 'messages',
  summary: 'Print what workflows posted in the emulator’s channels',
  description:
    'Reads the emulator’s message log — what send_message, send_dm and reply_in_thread posted — through the emulator’s conversations.list, ' +
    'conversations.history and conversations.replies, with the login rosi uses for the emulator. ' +
    'Per channel, oldest first: the time (UTC), the channel, the app, the workflow and its execution (Wx…), and the text; a thread’s replies are indented under it. ' +
    'Without --channel, every channel of the team. --json prints a JSON array of messages, replies after their parent (`[]` when there are none; exit 0).\n' +
    'Only against the emulator (a loopback --apihost or ROSI_APIHOST): on Slack, messages live in Slack and a CLI login cannot read channel history.',
  flags: [
    {
      name: 'channel',
      value: '<id|#name>',
      description: 'only this channel: an ID (C…, or D… for a DM) or a #name (repeatable)',
      multiple: true,
    },
    { name: 'limit', value: '<n>', description: 'the newest n top-level messages per channel, each with its replies (default 100; 0 prints all)' },
  ],
  examples: [
    { meaning: 'Everything posted in the emulator', command: 'rosi emulator messages' },
    { meaning: 'The last 10 in #general, as JSON', command: "rosi emulator messages --channel '#general' --limit 10 --json" },
    { meaning: 'Only one app’s messages', command: 'rosi emulator messages --app A0123ABCDEF' },
  ],
  load: () => import('./messages.run.js'),
});
