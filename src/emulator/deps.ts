import type { Store } from './store.js';

export interface SeedTeam { id: string; domain: string; name: string }
export interface SeedUser { id: string; name: string }

/** What every handler may use: the state, the time, and the emulator's settings. */
export interface EmulatorDeps {
  store: Store;
  /** Current time in Unix milliseconds, from the injected clock. */
  now(): number;
  tokenTtlMs: number;
  ticketTtlMs: number;
  /** The team and user who approve tickets (there is no sign-in: this is a single-developer platform). */
  team: SeedTeam;
  user: SeedUser;
}
