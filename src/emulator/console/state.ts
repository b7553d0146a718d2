import type { LiveHub } from './live.js';
import type { RequestLog } from './requests/request-log.js';

/** What the console keeps while the emulator runs: made at start, never stored. */
export interface ConsoleState {
  /** The same-origin token every state-changing request must carry (new at every start). */
  token: string;
  /** The live channel. */
  live: LiveHub;
  /** Where the built browser files are. */
  assetsDir: string;
  /** The request inspector's last Web API calls, redacted. */
  requests: RequestLog;
}
