import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import GreetAndRememberWorkflow from "../workflows/greet_and_remember.ts";

/**
 * `rosi trigger create --trigger-def triggers/greet_webhook.ts` prints the URL. A POST of
 * {"kind": "greeting", "name": "Ada", "channel": "C0GENERAL"} greets Ada in that channel;
 * `{{data.<key>}}` is a key of the posted JSON, and the filter lets only greetings through.
 */
const trigger: Trigger<typeof GreetAndRememberWorkflow.definition> = {
  type: TriggerTypes.Webhook,
  name: "Greet from a webhook",
  description: 'POST {"kind": "greeting", "name": "…", "channel": "C…"} to greet someone',
  workflow: `#/workflows/${GreetAndRememberWorkflow.definition.callback_id}`,
  inputs: {
    name: { value: "{{data.name}}" },
    channel: { value: "{{data.channel}}" },
  },
  webhook: {
    filter: { version: 1, root: { statement: "{{data.kind}} == greeting" } },
  },
};

export default trigger;
