import { DefineDatastore, Schema } from "deno-slack-sdk/mod.ts";

/** The follow-ups the greet function writes and the daily summary counts. */
export const TasksDatastore = DefineDatastore({
  name: "tasks",
  primary_key: "id",
  attributes: {
    id: { type: Schema.types.string },
    title: { type: Schema.types.string },
    owner: { type: Schema.types.string },
    done: { type: Schema.types.boolean },
  },
});
