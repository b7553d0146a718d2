import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDuration } from '../../lib/duration.js';
import { approvedPage, modalPage, pastePage, type PasteView } from './approval-html.js';
import type { EmulatorDeps } from '../deps.js';
import { parseForm, readBody, sendHtml, sendNotFound } from '../http/index.js';
import { approveTicket, ticketFromInput, ticketState, type TicketState } from './tickets.js';

/** The approval page: the emulator's stand-in for a Slack channel to paste `/slackauthticket` in. */
export const APPROVE_PATH = '/approve';

/** The approval form posts two short fields. */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * The emulator's stand-in for Slack's `/slackauthticket` modal: paste the command, review
 * what the token may do, approve, read the challenge code.
 */
export async function servePage(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (url.pathname === APPROVE_PATH && url.search === '') return sendHtml(res, 200, pastePage({ team: deps.team }));
    const input = url.searchParams.get('command') ?? url.searchParams.get('ticket') ?? '';
    return review(res, input, deps, apiHostOf(req));
  }
  if (req.method === 'POST' && url.pathname === APPROVE_PATH) return decide(req, res, deps);
  return sendNotFound(res);
}

/** The URL this page was reached at, which is the API host `rosi login --apihost` needs. */
function apiHostOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

function review(res: ServerResponse, input: string, deps: EmulatorDeps, apiHost: string): void {
  const ticket = ticketFromInput(input);
  if (!ticket) return sendHtml(res, 200, pastePage({ team: deps.team }));
  const state = ticketState(ticket, deps);
  if (state.kind === 'pending') {
    const view = {
      team: deps.team,
      user: deps.user,
      ticket,
      command: input.trim(),
      rotating: state.row.no_rotation === 0,
      tokenLifetime: formatDuration(deps.tokenTtlMs),
      expiresIn: formatDuration(state.row.expires_at - deps.now()),
    };
    return sendHtml(res, 200, modalPage(view));
  }
  return showOutcome(res, ticket, state, deps, input.trim(), apiHost);
}

async function decide(req: IncomingMessage, res: ServerResponse, deps: EmulatorDeps): Promise<void> {
  // Another web page must not be able to approve a ticket by posting a form here.
  if (!sameOrigin(req)) {
    return sendHtml(res, 403, pastePage({ team: deps.team, problem: { title: 'Request refused', detail: 'Approvals must come from this page.' } }));
  }
  const body = await readBody(req, MAX_FORM_BYTES);
  let form: Record<string, unknown> = {};
  if (body.ok) {
    try {
      form = parseForm(body.body);
    } catch {
      form = {};
    }
  }
  const ticket = typeof form.ticket === 'string' ? ticketFromInput(form.ticket) : '';
  if (!ticket) return sendHtml(res, 400, pastePage({ team: deps.team, problem: PROBLEMS.unknown(deps, apiHostOf(req)) }));
  if (form.decision !== 'approve') {
    return sendHtml(
      res,
      200,
      pastePage({ team: deps.team, notice: 'Cancelled: nothing was approved. The ticket stays valid until it expires, if you change your mind.' }),
    );
  }
  return showOutcome(res, ticket, approveTicket(ticket, deps), deps, `/slackauthticket ${ticket}`, apiHostOf(req));
}

function showOutcome(res: ServerResponse, ticket: string, state: TicketState, deps: EmulatorDeps, value: string, apiHost: string): void {
  if (state.kind === 'approved') {
    const expiresIn = formatDuration(state.row.expires_at - deps.now());
    return sendHtml(res, 200, approvedPage({ team: deps.team, ticket, challenge: state.challenge, expiresIn, apiHost, service: state.row.no_rotation !== 0 }));
  }
  const problem = state.kind === 'pending' ? PROBLEMS.unknown(deps, apiHost) : PROBLEMS[state.kind](deps, apiHost);
  const view: PasteView = { team: deps.team, value, problem };
  return sendHtml(res, state.kind === 'unknown' ? 404 : 410, pastePage(view));
}

// Each names the command that starts a login against this emulator, which runs as printed.
const PROBLEMS = {
  unknown: (_deps: EmulatorDeps, apiHost: string) => ({
    title: 'This ticket is not recognised',
    detail: `Check that you pasted the whole command. Each emulator knows only the tickets it issued; run \`rosi login --apihost ${apiHost}\` for a new ticket from this one.`,
  }),
  expired: (deps: EmulatorDeps, apiHost: string) => ({
    title: 'This ticket has expired',
    detail: `Tickets last ${formatDuration(deps.ticketTtlMs)}. Run \`rosi login --apihost ${apiHost}\` again for a new one.`,
  }),
  used: (_deps: EmulatorDeps, apiHost: string) => ({
    title: 'This ticket was already used',
    detail: `It has been exchanged for a token already. Run \`rosi login --apihost ${apiHost}\` to log in again.`,
  }),
};

function sameOrigin(req: IncomingMessage): boolean {
  // Browsers say where a request comes from in Sec-Fetch-Site; older ones only in Origin.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  // Clients that send neither (curl) are not a cross-site threat.
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
