import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { TasksDatastore } from "../datastores/tasks.ts";

export const GreetFunction = DefineFunction({
  callback_id: "greet",
  title: "Greet someone",
  description: "Makes a greeting and remembers to follow up with the person",
  source_file: "functions/greet.ts",
  input_parameters: {
    properties: {
      name: { type: Schema.types.string, description: "Who to greet" },
    },
    required: ["name"],
  },
  output_parameters: {
    properties: {
      greeting: { type: Schema.types.string },
      task_id: { type: Schema.types.string },
    },
    required: ["greeting", "task_id"],
  },
});

/**
 * The word it greets with is the app's GREETING variable (`rosi env set GREETING Bonjour`), "Hello"
 * without one. Each greeting leaves a task in the datastore, written with the execution's own token.
 */
export default SlackFunction(GreetFunction, async ({ inputs, client, env }) => {
  const name = inputs.name.trim();
  // A required string input may still be empty: only the function can say that is not a name.
  if (name === "") return { error: "A name is needed" };

  const task = {
    id: crypto.randomUUID(),
    title: `Follow up with ${name}`,
    owner: name,
    done: false,
  };
  const put = await client.apps.datastore.put<typeof TasksDatastore.definition>({
    datastore: TasksDatastore.name,
    item: task,
  });
  if (!put.ok) return { error: `Could not save the task: ${put.error}` };

  const word = env.GREETING?.trim() || "Hello";
  return { outputs: { greeting: `${word}, ${name}! 👋`, task_id: task.id } };
});
