import type { EmulatorProcess } from './public-api.js';

/** A started emulator as the handle uses it, whichever process it runs in. */
export interface Backend {
  process: EmulatorProcess;
  url: string;
  token: string;
  teamId: string;
  checkpoint(): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** What either way of starting one takes. */
export interface BackendOptions {
  functionTimeout?: number | undefined;
  deno?: string | undefined;
}
