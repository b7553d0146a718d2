// The emulator's stand-in for Slack's hosted runtime (slackapi/deno-slack-runtime `mod.ts`,
// `dispatch-payload.ts`, `run-function.ts`): one function execution per Deno process.
// It runs in Deno, not in rosi: the emulator writes this file out and runs
// `deno run … <this file>` in the bundle folder, with the invocation payload on stdin.
// Keep it free of imports: it is the only module Deno loads besides the app's own.
//
// Exit codes, the emulator's reading of how it ended:
//   0  the handler returned (functions.complete* called as §4.4 says, or not for completed:false)
//   3  an error escaped: "Caught error from user supplied module: <stack>" is the last thing on stderr
//   4  nothing handles the event: the UnhandledEventError text is the last thing on stderr
// Anything else is Deno's own failure.

declare const Deno: {
  stdin: { readable: ReadableStream<Uint8Array> };
  realPath(path: string): Promise<string>;
  exit(code: number): never;
};

type Json = Record<string, unknown>;
type Handler = (args: Json) => unknown;

const THREW = 3;
const UNHANDLED = 4;

class UnhandledEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnhandledEventError';
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Interactivity payloads name their handler on the module, then on its default export (`SlackFunction`'s shape). */
const INTERACTIVITY_HANDLERS: Record<string, string> = {
  block_actions: 'blockActions',
  block_suggestion: 'blockSuggestion',
  view_submission: 'viewSubmission',
  view_closed: 'viewClosed',
};

/** `extractBaseHandlerArgsFromPayload`, field for field. */
function baseHandlerArgs(payload: Json): Json {
  const body = obj(payload.body);
  const context = obj(payload.context);
  const event = isObject(body.event) ? body.event : undefined;
  const functionData = obj(body.function_data);
  return {
    body,
    env: (context.variables as Json | undefined) || {},
    enterprise_id: str(body.enterprise_id) || str(obj(body.enterprise).id) || '',
    inputs: (event?.inputs as Json | undefined) || (functionData.inputs as Json | undefined) || {},
    token: str(event?.bot_access_token) || str(body.bot_access_token) || str(context.bot_access_token) || '',
    team_id: str(context.team_id) || '',
  };
}

/** `serializeData` of deno_slack_api 0.0.2: every non-string value JSON-stringified. */
function formBody(data: Json): URLSearchParams {
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) encoded[key] = typeof value !== 'string' ? (JSON.stringify(value) as string) : value;
  return new URLSearchParams(encoded);
}

/** `BaseSlackAPIClient.apiCall` of deno_slack_api 0.0.2, which the hosted runtime completes functions with. */
async function apiCall(baseUrl: string, token: string, method: string, data: Json): Promise<unknown> {
  const resp = await fetch(`${baseUrl}${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${str(data.token) || token || ''}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody(data),
  });
  if (!resp.ok) throw Error(`${resp.status}: ${await resp.text()}`);
  return await resp.json();
}

/** `RunFunction`: the default handler, then completeError, completeSuccess or nothing. */
async function runFunction(args: Json, mod: Json): Promise<void> {
  const body = obj(args.body);
  const event = obj(body.event);
  const env = obj(args.env);
  const functionExecutionId = event.function_execution_id;
  const debug = env.SLACK_DEBUG == 'true';
  const handler = mod.default;
  if (!handler) throw new UnhandledEventError('Received a function_executed payload but the function does not define a default handler');
  const baseUrl = str(env.SLACK_API_URL) || 'https://slack.com/api/';
  // Destructured as Slack's runtime does, so a handler that returns nothing fails the same way.
  const returned = (await (handler as Handler)({ ...args, event: body.event })) as Json;
  const { completed = true, outputs = {}, error } = returned;
  const complete = async (method: string, data: Json) => {
    if (debug) console.log(`${method} request payload:`, JSON.stringify(data, null, 2));
    const resp = await apiCall(baseUrl, str(args.token), method, data);
    if (debug) console.log(`${method} response payload:`, resp);
  };
  if (error) return complete('functions.completeError', { error, function_execution_id: functionExecutionId });
  if (completed) return complete('functions.completeSuccess', { outputs, function_execution_id: functionExecutionId });
}

async function runInteractivity(args: Json, mod: Json, eventType: string): Promise<unknown> {
  const name = INTERACTIVITY_HANDLERS[eventType] as string;
  const handler = (mod[name] ?? obj(mod.default)[name]) as Handler | undefined;
  if (!handler) throw new UnhandledEventError(`Received a ${eventType} payload but the function does not define a ${name} handler`);
  const body = obj(args.body);
  const extra = eventType === 'block_actions' ? { action: (body.actions as unknown[] | undefined)?.[0] } : {};
  return (await handler({ ...args, ...extra, body })) || {};
}

/** `DispatchPayload`: which module, which handler, and the hosted runtime's rewording of a network refusal. */
async function dispatch(payload: Json): Promise<number> {
  const body = obj(payload.body);
  const eventType = str(obj(body.event).type) || str(body.type) || '';
  const callbackId =
    eventType === 'function_executed' ? str(obj(obj(body.event).function).callback_id) : str(obj(obj(body.function_data).function).callback_id);
  if (!callbackId) {
    console.warn(`Could not find the function "callback_id" in the payload for an event type of "${eventType || 'unknown'}"`);
    return 0;
  }
  const functionDir = `file://${await Deno.realPath('functions')}`;
  const mod = (await import(`${functionDir}/${callbackId}.js`)) as Json;
  const args = baseHandlerArgs(payload);
  try {
    if (eventType === 'function_executed') await runFunction(args, mod);
    else if (eventType in INTERACTIVITY_HANDLERS) await runInteractivity(args, mod, eventType);
    else throw new UnhandledEventError(`Received an unsupported event of type: "${eventType}" for the ${callbackId} function.`);
  } catch (e) {
    if (e instanceof Error && e.name === 'UnhandledEventError') {
      const fallback = (mod.unhandledEvent ?? obj(mod.default).unhandledEvent) as Handler | undefined;
      if (fallback) {
        await fallback(args);
        return 0;
      }
      // Slack's runtime only warns here, and the function stays running until its timeout;
      // the exit code lets the emulator fail it at once instead.
      console.warn(e.message);
      return UNHANDLED;
    }
    // Deno 2 names a refused permission NotCapable; earlier Denos (and the hosted runtime's test) PermissionDenied.
    if (e instanceof Error && (e.name === 'PermissionDenied' || e.name === 'NotCapable')) {
      if (e.message.includes('--allow-net')) {
        e.message = `Detected missing network permissions; add the domain to your manifest's \`outgoingDomains\`. Original message: ${e.message}`;
      } else if (e.message.includes('--allow-read') || e.message.includes('--allow-write')) {
        // The hosted runtime has no wording of its own here: the emulator's, so the fix is as plain as the network's.
        e.message = `Detected missing file permissions; a function may read only the files of its own bundle and write none (keep data in a datastore). Original message: ${e.message}`;
      }
    }
    throw e;
  }
  return 0;
}

try {
  const payload = JSON.parse(await new Response(Deno.stdin.readable).text()) as Json;
  Deno.exit(await dispatch(payload));
} catch (e) {
  const loggable = e instanceof Error && e.stack ? e.stack : e;
  console.error(`Caught error from user supplied module: ${String(loggable)}`);
  Deno.exit(THREW);
}

// A module, for TypeScript's sake (top-level await); Deno needs nothing of it.
export {};
