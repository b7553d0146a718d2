export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 4,
  /** A program rosi was asked to run (`emulator exec`) exists but cannot be run, as a shell says it. */
  cannotExecute: 126,
  /** A program rosi was asked to run was not found, as a shell says it. */
  commandNotFound: 127,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
