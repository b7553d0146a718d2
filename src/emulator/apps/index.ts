// What other services use of apps: the app record, the manifest rules they depend on,
// and who may act on an app.
export type { AppRow, Manifest } from './apps-store.js';
export { isHosted, manifestFunctions, pointer, type ManifestIssue } from './manifest-rules.js';
export { accessibleApp, authenticateForApp, canAccess } from './app-access.js';
export { SEEDED_APP_ID } from './seed-app.js';
export { appName } from './manifest-rules.js';
