// What other services use of the datastore: a datastore's definition, read from the manifest.
export { datastoreOf } from './datastore-config.js';
// The console: the datastore methods called for an app's owner, through the Web API's own handlers.
export { callAsOwner, type OwnerRead, type OwnerWrite } from './datastore-owner.js';
export { MAX_QUERY_LIMIT } from './datastore-query.js';
// rosi emulator --seed: a folder of <datastore>.jsonl files into an app's datastores, checked first.
export { seedFolder, type SeedResult } from './seed-folder.js';
