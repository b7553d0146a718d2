import { defineGroup } from '../../kit/define-command.js';
import { bulkDeleteCommand } from './bulk-delete.js';
import { bulkGetCommand } from './bulk-get.js';
import { bulkPutCommand } from './bulk-put.js';
import { countCommand } from './count.js';
import { deleteCommand } from './delete.js';
import { exportCommand } from './export.js';
import { getCommand } from './get.js';
import { importCommand } from './import.js';
import { putCommand } from './put.js';
import { queryCommand } from './query.js';
import { updateCommand } from './update.js';

export const datastoreGroup = defineGroup({
  name: 'datastore',
  summary: 'Read and write the app’s datastores',
  description:
    'Read and write the items of a deployed app’s datastores (apps.datastore.*). Every command takes the official Slack CLI’s JSON expression, ' +
    'or friendlier flags and arguments that send the same request; --show prints that request and sends nothing.',
  commands: [
    getCommand,
    putCommand,
    updateCommand,
    deleteCommand,
    queryCommand,
    countCommand,
    bulkGetCommand,
    bulkPutCommand,
    bulkDeleteCommand,
    exportCommand,
    importCommand,
  ],
});
