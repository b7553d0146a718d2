// What other services use of the datastore: a datastore's definition, read from the manifest.
export { datastoreOf } from './datastore-config.js';
