import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { TasksDatastore } from "../datastores/tasks.ts";

export const DailySummaryFunction = DefineFunction({
  callback_id: "daily_summary",
  title: "Sum up the open tasks",
  description: "Counts the tasks not done yet",
  source_file: "functions/daily_summary.ts",
  input_parameters: { properties: {}, required: [] },
  output_parameters: {
    properties: {
      summary: { type: Schema.types.string },
      open_tasks: { type: Schema.types.integer },
    },
    required: ["summary", "open_tasks"],
  },
});

export default SlackFunction(DailySummaryFunction, async ({ client }) => {
  const open = await client.apps.datastore.count<typeof TasksDatastore.definition>({
    datastore: TasksDatastore.name,
    expression: "#done = :done",
    expression_attributes: { "#done": "done" },
    expression_values: { ":done": false },
  });
  if (!open.ok) return { error: `Could not count the tasks: ${open.error}` };

  const summary = open.count === 0
    ? "Good morning! No open tasks today."
    : `Good morning! ${open.count} open task${open.count === 1 ? "" : "s"} to follow up.`;
  return { outputs: { summary, open_tasks: open.count } };
});
