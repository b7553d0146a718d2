export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 4,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
