// What the server uses of the console: its pages, JSON endpoints, assets and live channel.
export { defaultAssetsDir } from './assets.js';
export { feedLiveHub } from './live-sources.js';
export { LiveHub } from './live.js';
export { isConsolePath, serveConsole } from './serve.js';
export type { ConsoleState } from './state.js';
// The request inspector: the server hands it every Web API call once answered.
export { recordApiCall } from './requests/record.js';
export { RequestLog } from './requests/request-log.js';
