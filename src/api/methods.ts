import type * as z from 'zod/mini';
import * as activities from './schemas/activities.js';
import * as apps from './schemas/apps.js';
import * as auth from './schemas/auth.js';
import * as collaborators from './schemas/collaborators.js';
import * as conversations from './schemas/conversations.js';
import * as ds from './schemas/datastore.js';
import * as triggers from './schemas/triggers.js';
import * as vars from './schemas/variables.js';

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
  /**
   * For answers too large to copy: true when the parsed body is valid as it is, checked without
   * the copy that `response`'s parse makes. It must hold exactly when `response` accepts the body.
   */
  valid?: (body: unknown) => boolean;
}

const spec = <Req extends z.ZodMiniType, Res extends z.ZodMiniType>(s: MethodSpec & { request: Req; response: Res }) => s;

/** The one registry of Slack methods rosi speaks; msw helpers and the emulator use it too. */
export const methods = {
  'apps.hosted.generateAuthTicket': spec({
    shape: 'form',
    auth: 'none',
    idempotent: true,
    request: auth.AppsHostedGenerateAuthTicketRequest,
    response: auth.AppsHostedGenerateAuthTicketResponse,
  }),
  'apps.hosted.exchangeAuthTicket': spec({
    shape: 'form',
    auth: 'none',
    idempotent: false,
    secretBody: true,
    request: auth.AppsHostedExchangeAuthTicketRequest,
    response: auth.AppsHostedExchangeAuthTicketResponse,
  }),
  'tooling.tokens.rotate': spec({
    shape: 'form',
    auth: 'none',
    idempotent: false,
    secretBody: true,
    request: auth.ToolingTokensRotateRequest,
    response: auth.ToolingTokensRotateResponse,
  }),
  'auth.test': spec({ shape: 'form', auth: 'field', idempotent: true, request: auth.AuthTestRequest, response: auth.AuthTestResponse }),
  'auth.revoke': spec({ shape: 'form', auth: 'field', idempotent: true, request: auth.AuthRevokeRequest, response: auth.AuthRevokeResponse }),

  // Apps and hosting (contract §5). create is not idempotent: a repeat makes a second app.
  'apps.manifest.validate': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: apps.AppsManifestValidateRequest,
    response: apps.AppsManifestValidateResponse,
  }),
  'apps.manifest.create': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: false,
    secretBody: true,
    request: apps.AppsManifestCreateRequest,
    response: apps.AppsManifestCreateResponse,
  }),
  'apps.manifest.update': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: apps.AppsManifestUpdateRequest,
    response: apps.AppsManifestUpdateResponse,
  }),
  'apps.manifest.export': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: apps.AppsManifestExportRequest,
    response: apps.AppsManifestExportResponse,
  }),
  'apps.developerInstall': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    secretBody: true,
    request: apps.AppsDeveloperInstallRequest,
    response: apps.AppsDeveloperInstallResponse,
  }),
  'apps.status': spec({ shape: 'json', auth: 'bearer', idempotent: true, request: apps.AppsStatusRequest, response: apps.AppsStatusResponse }),
  'developer.apps.owners.list': spec({
    shape: 'form',
    auth: 'field',
    idempotent: true,
    request: collaborators.DeveloperAppsOwnersListRequest,
    response: collaborators.DeveloperAppsOwnersListResponse,
  }),
  'apps.hosted.generatePresignedPost': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: apps.AppsHostedGeneratePresignedPostRequest,
    response: apps.AppsHostedGeneratePresignedPostResponse,
  }),
  'apps.hosted.upload': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: apps.AppsHostedUploadRequest,
    response: apps.AppsHostedUploadResponse,
  }),

  // Hosted environment variables (runtime contract §2.1). add upserts and remove of a name
  // already gone changes nothing, so all three may be resent. add's body holds the value: a
  // secret, so its body is never logged, not even redacted.
  'apps.hosted.variables.add': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    secretBody: true,
    request: vars.AppsHostedVariablesAddRequest,
    response: vars.AppsHostedVariablesAddResponse,
  }),
  'apps.hosted.variables.list': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: vars.AppsHostedVariablesListRequest,
    response: vars.AppsHostedVariablesListResponse,
  }),
  'apps.hosted.variables.remove': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: vars.AppsHostedVariablesRemoveRequest,
    response: vars.AppsHostedVariablesRemoveResponse,
  }),

  // Triggers (runtime contract §1.1). create is not idempotent: a repeat makes a second
  // trigger. update replaces the whole trigger and set the whole access list, so a repeat
  // changes nothing more; a resent delete may answer trigger_not_found for a trigger the
  // first attempt removed, which is still the effect asked for.
  'workflows.triggers.create': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: false,
    request: triggers.WorkflowsTriggersCreateRequest,
    response: triggers.WorkflowsTriggersSaveResponse,
  }),
  'workflows.triggers.update': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: triggers.WorkflowsTriggersUpdateRequest,
    response: triggers.WorkflowsTriggersSaveResponse,
  }),
  'workflows.triggers.delete': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: triggers.WorkflowsTriggersDeleteRequest,
    response: triggers.WorkflowsTriggersDeleteResponse,
  }),
  'workflows.triggers.info': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: triggers.WorkflowsTriggersInfoRequest,
    response: triggers.WorkflowsTriggersSaveResponse,
  }),
  'workflows.triggers.list': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: triggers.WorkflowsTriggersListRequest,
    response: triggers.WorkflowsTriggersListResponse,
  }),
  // Trigger access travels as a form with the token in it, never a header (the official
  // CLI's postForm); the transport's log masks the `token` field like any other token.
  'workflows.triggers.permissions.list': spec({
    shape: 'form',
    auth: 'field',
    idempotent: true,
    request: triggers.WorkflowsTriggersPermissionsListRequest,
    response: triggers.WorkflowsTriggersPermissionsListResponse,
  }),
  'workflows.triggers.permissions.set': spec({
    shape: 'form',
    auth: 'field',
    idempotent: true,
    request: triggers.WorkflowsTriggersPermissionsSetRequest,
    response: triggers.WorkflowsTriggersPermissionsSetResponse,
  }),
  'workflows.triggers.permissions.add': spec({
    shape: 'form',
    auth: 'field',
    idempotent: true,
    request: triggers.WorkflowsTriggersPermissionsAddRequest,
    response: triggers.WorkflowsTriggersPermissionsEditResponse,
  }),
  'workflows.triggers.permissions.remove': spec({
    shape: 'form',
    auth: 'field',
    idempotent: true,
    request: triggers.WorkflowsTriggersPermissionsRemoveRequest,
    response: triggers.WorkflowsTriggersPermissionsEditResponse,
  }),
  // The emulator's own method (Slack has none like it): fires any trigger now. Not idempotent: a repeat starts a second run.
  'emulator.triggers.run': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: false,
    request: triggers.EmulatorTriggersRunRequest,
    response: triggers.EmulatorTriggersRunResponse,
  }),

  // Datastores (contract §6.2): writes by primary key are idempotent, so all may be resent.
  'apps.datastore.put': spec({ shape: 'json', auth: 'bearer', idempotent: true, request: ds.AppsDatastorePutRequest, response: ds.AppsDatastorePutResponse }),
  'apps.datastore.update': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreUpdateRequest,
    response: ds.AppsDatastoreUpdateResponse,
  }),
  'apps.datastore.get': spec({ shape: 'json', auth: 'bearer', idempotent: true, request: ds.AppsDatastoreGetRequest, response: ds.AppsDatastoreGetResponse }),
  'apps.datastore.delete': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreDeleteRequest,
    response: ds.AppsDatastoreDeleteResponse,
  }),
  'apps.datastore.bulkPut': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreBulkPutRequest,
    response: ds.AppsDatastoreBulkPutResponse,
  }),
  'apps.datastore.bulkGet': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreBulkGetRequest,
    response: ds.AppsDatastoreBulkGetResponse,
  }),
  'apps.datastore.bulkDelete': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreBulkDeleteRequest,
    response: ds.AppsDatastoreBulkDeleteResponse,
  }),
  'apps.datastore.query': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreQueryRequest,
    response: ds.AppsDatastoreQueryResponse,
    valid: ds.isQueryPage,
  }),
  'apps.datastore.count': spec({
    shape: 'json',
    auth: 'bearer',
    idempotent: true,
    request: ds.AppsDatastoreCountRequest,
    response: ds.AppsDatastoreCountResponse,
  }),

  // Activity logs (contract §7.2): the one GET, a read, so safe to resend.
  'apps.activities.list': spec({
    shape: 'get',
    auth: 'bearer',
    idempotent: true,
    request: activities.AppsActivitiesListRequest,
    response: activities.AppsActivitiesListResponse,
    valid: activities.isActivitiesPage,
  }),

  // Conversations: reads, so safe to resend. rosi asks them of the emulator (rosi emulator messages).
  'conversations.list': spec({
    shape: 'get',
    auth: 'bearer',
    idempotent: true,
    request: conversations.ConversationsListRequest,
    response: conversations.ConversationsListResponse,
  }),
  'conversations.history': spec({
    shape: 'get',
    auth: 'bearer',
    idempotent: true,
    request: conversations.ConversationsHistoryRequest,
    response: conversations.ConversationsMessagesResponse,
  }),
  'conversations.replies': spec({
    shape: 'get',
    auth: 'bearer',
    idempotent: true,
    request: conversations.ConversationsRepliesRequest,
    response: conversations.ConversationsMessagesResponse,
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.infer<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.infer<Methods[M]['response']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
