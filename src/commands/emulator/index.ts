import { defineGroup } from '../../kit/define-command.js';
import { execCommand } from './exec.js';
import { messagesCommand } from './messages.js';
import { startCommand } from './start.js';
import { snapshotGroup } from './snapshot.js';

export const emulatorGroup = defineGroup({
  name: 'emulator',
  summary: 'Run the Slack platform API on this machine, and look inside it',
  description:
    'rosi emulator (= rosi emulator start) serves the platform API on this machine, so every rosi command works offline; ' +
    'its other commands read what the emulator holds. `rosi emulator start --help` says what it serves, its test endpoints and --faults.',
  defaultCommand: 'start',
  commands: [startCommand, messagesCommand, execCommand, snapshotGroup],
});
