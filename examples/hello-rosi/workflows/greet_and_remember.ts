import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { GreetFunction } from "../functions/greet.ts";

/** Greets someone in a channel, and keeps a task to follow up with them. */
const GreetAndRememberWorkflow = DefineWorkflow({
  callback_id: "greet_and_remember",
  title: "Greet and remember",
  description: "Greets someone in a channel and adds a task to follow up with them",
  input_parameters: {
    properties: {
      name: { type: Schema.types.string, description: "Who to greet" },
      channel: { type: Schema.slack.types.channel_id, description: "Where to post the greeting" },
    },
    required: ["name", "channel"],
  },
});

const greet = GreetAndRememberWorkflow.addStep(GreetFunction, {
  name: GreetAndRememberWorkflow.inputs.name,
});

GreetAndRememberWorkflow.addStep(Schema.slack.functions.SendMessage, {
  channel_id: GreetAndRememberWorkflow.inputs.channel,
  message: greet.outputs.greeting,
});

export default GreetAndRememberWorkflow;
