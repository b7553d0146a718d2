import { Manifest } from "deno-slack-sdk/mod.ts";
import { TasksDatastore } from "./datastores/tasks.ts";
import { DailySummaryFunction } from "./functions/daily_summary.ts";
import { GreetFunction } from "./functions/greet.ts";
import DailySummaryWorkflow from "./workflows/daily_summary.ts";
import GreetAndRememberWorkflow from "./workflows/greet_and_remember.ts";

export default Manifest({
  name: "Hello Rosi",
  description: "Greets people, keeps a small task list and sums it up on weekday mornings",
  icon: "assets/icon.png",
  functions: [GreetFunction, DailySummaryFunction],
  workflows: [GreetAndRememberWorkflow, DailySummaryWorkflow],
  datastores: [TasksDatastore],
  outgoingDomains: [],
  botScopes: [
    "commands",
    "chat:write",
    "chat:write.public",
    "datastore:read",
    "datastore:write",
  ],
});
