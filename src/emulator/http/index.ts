// What the services use of the server: reading requests, answering them, the shape of a
// method family. The server itself (server.ts) is not here: it imports every service.
export type { Family, Handler } from './router.js';
export { boolParam, drainBody, jsonParam, parseBody, parseForm, readBody, stringParam, type ParsedRequest } from './request.js';
export { sendHtml, sendJson, sendNotFound } from './respond.js';
export { RawJson } from './raw-json.js';
export { originOf } from './origin.js';
export { boundaryOf, MultipartError, readMultipart, type PartSink } from './multipart.js';
export { cursorChecksum, openCursor, sealCursor } from './sealed-cursor.js';
