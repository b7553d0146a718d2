// Scheduled triggers' schedules: validation and next runs, shared by the CLI and the emulator.
export { nextRuns } from './next-run.js';
export { canonicalTimeZone, instantOf, type WallClock, wallClockAt } from './time-zone.js';
export * from './types.js';
export { type ScheduleError, type ScheduleValidation, validateSchedule } from './validate.js';
