import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { DailySummaryFunction } from "../functions/daily_summary.ts";

/** Posts how many tasks are still open. */
const DailySummaryWorkflow = DefineWorkflow({
  callback_id: "daily_summary",
  title: "Daily summary",
  description: "Posts how many tasks are still open",
  input_parameters: {
    properties: {
      channel: { type: Schema.slack.types.channel_id, description: "Where to post the summary" },
    },
    required: ["channel"],
  },
});

const summary = DailySummaryWorkflow.addStep(DailySummaryFunction, {});

DailySummaryWorkflow.addStep(Schema.slack.functions.SendMessage, {
  channel_id: DailySummaryWorkflow.inputs.channel,
  message: summary.outputs.summary,
});

export default DailySummaryWorkflow;
