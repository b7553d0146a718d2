// What other services use of the activity log: recording what happened to an app.
export { logEvents, logExecutionEvents, type ExecutionEvent, type PlatformEvent } from './activity-log.js';
