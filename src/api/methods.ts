import type * as z from 'zod/mini';
import * as auth from './schemas/auth.js';

/**
 * How a method travels (contract §1.2): `form` POST with the token as a `token` field,
 * `json` POST with a Bearer header, or `get` with a query string and a Bearer header.
 */
export type Shape = 'form' | 'json' | 'get';

export interface MethodSpec {
  shape: Shape;
  /** `field`: token as a form field; `bearer`: Authorization header; `none`: no token at all. */
  auth: 'field' | 'bearer' | 'none';
  request: z.ZodMiniType;
  response: z.ZodMiniType;
  /** Safe to resend after a 5xx or a network error: a repeat has the same effect. */
  idempotent: boolean;
  /** Bodies carry secrets (tickets, refresh tokens): never logged, even redacted. */
  secretBody?: boolean;
}

const spec = <Req extends z.ZodMiniType, Res extends z.ZodMiniType>(s: MethodSpec & { request: Req; response: Res }) => s;

/** The one registry of Slack methods rosi speaks; msw helpers and the emulator use it too. */
export const methods = {
  'apps.hosted.generateAuthTicket': spec({
    shape: 'form', auth: 'none', idempotent: true,
    request: auth.AppsHostedGenerateAuthTicketRequest, response: auth.AppsHostedGenerateAuthTicketResponse,
  }),
  'apps.hosted.exchangeAuthTicket': spec({
    shape: 'form', auth: 'none', idempotent: false, secretBody: true,
    request: auth.AppsHostedExchangeAuthTicketRequest, response: auth.AppsHostedExchangeAuthTicketResponse,
  }),
  'tooling.tokens.rotate': spec({
    shape: 'form', auth: 'none', idempotent: false, secretBody: true,
    request: auth.ToolingTokensRotateRequest, response: auth.ToolingTokensRotateResponse,
  }),
  'auth.test': spec({ shape: 'form', auth: 'field', idempotent: true, request: auth.AuthTestRequest, response: auth.AuthTestResponse }),
  'auth.revoke': spec({ shape: 'form', auth: 'field', idempotent: true, request: auth.AuthRevokeRequest, response: auth.AuthRevokeResponse }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.infer<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.infer<Methods[M]['response']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
