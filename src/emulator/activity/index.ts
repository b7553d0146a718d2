// What other services use of the activity log: recording what happened to an app.
export { logEvents, logEventsLater, logExecutionEvents, type ExecutionEvent, type PlatformEvent } from './activity-log.js';
// What the console reads of it: pages of an app's log as apps.activities.list reads them, and their cursors.
export { decodeActivitiesCursor, encodeActivitiesCursor, type Direction } from './activities-cursor.js';
export type { Position, StoredActivity } from './activities-store.js';
export { COMPONENT_TYPES, LEVELS, levelsFrom, SOURCES, type Level } from './activity-rules.js';
export { readActivityPage, type PageRequest } from './read-page.js';
export { wireActivity } from './wire-activity.js';
