import type { EmulatorDeps } from '../deps.js';
import { newChallenge } from '../ids.js';
import type { TicketRow } from '../store.js';

export type TicketState =
  | { kind: 'unknown' }
  | { kind: 'expired'; row: TicketRow }
  | { kind: 'used'; row: TicketRow }
  | { kind: 'pending'; row: TicketRow }
  | { kind: 'approved'; row: TicketRow; challenge: string };

/** Where a ticket stands now. Expiry wins over every other state, as on Slack. */
export function ticketState(ticket: string, deps: EmulatorDeps): TicketState {
  const row = deps.store.ticket(ticket);
  if (!row) return { kind: 'unknown' };
  if (row.status === 'used') return { kind: 'used', row };
  if (deps.now() >= row.expires_at) return { kind: 'expired', row };
  if (row.status === 'approved' && row.challenge) return { kind: 'approved', row, challenge: row.challenge };
  return { kind: 'pending', row };
}

/**
 * Approves a pending ticket as the seeded user and returns its challenge code. Approving
 * an approved ticket again shows the same code, as reopening the Slack modal would.
 */
export function approveTicket(ticket: string, deps: EmulatorDeps): TicketState {
  const state = ticketState(ticket, deps);
  if (state.kind !== 'pending') return state;
  const challenge = newChallenge();
  deps.store.approveTicket(ticket, { challenge, teamId: deps.team.id, userId: deps.user.id, now: deps.now() });
  return ticketState(ticket, deps);
}

/** The ticket in what a user pasted: `/slackauthticket <ticket>` or the ticket alone. */
export function ticketFromInput(input: string): string {
  return input
    .trim()
    .replace(/^\/slackauthticket\b/i, '')
    .trim();
}
