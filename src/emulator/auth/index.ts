// What other services use of auth: who is calling, approving a ticket, and the HTML frame
// the approval page shares with the other pages.
export { authenticate, type Authenticated } from './authenticate.js';
export { approveTicket } from './tickets.js';
export { escapeHtml, layout } from './approval-html.js';
export { authenticateExecution, isExecutionToken, mintExecutionToken, revokeExecutionToken } from './execution-tokens.js';
export type { ExecutionTokenRow } from './execution-tokens-store.js';
