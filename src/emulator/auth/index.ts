// What other services use of auth: who is calling, approving a ticket, and the HTML frame
// the approval page shares with the other pages.
export { authenticate, type Authenticated } from './authenticate.js';
export { approveTicket } from './tickets.js';
export { escapeHtml, layout } from './approval-html.js';
export {
  authenticateAppToken,
  authenticateExecution,
  isExecutionToken,
  mintExecutionToken,
  revokeExecutionToken,
  type AppCaller,
} from './execution-tokens.js';
export type { ExecutionTokenRow } from './execution-tokens-store.js';
export { APPROVE_PATH } from './approval-page.js';
// Who a token speaks for, judged or not (the console's request inspector names callers with it).
export { tokenOwner, type TokenOwner } from './token-owner.js';
// A login without the ticket dance, for a process that started the emulator itself (rosi emulator exec, rosi/testing).
export { issueServiceToken } from './service-token.js';
