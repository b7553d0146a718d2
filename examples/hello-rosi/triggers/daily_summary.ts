import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerTypes } from "deno-slack-api/mod.ts";
import DailySummaryWorkflow from "../workflows/daily_summary.ts";

// #general on rosi's emulator. On Slack, put the ID of one of your workspace's channels here
// (the last part of the channel's link).
const CHANNEL = "C0GENERAL";

// The first run is tomorrow morning, computed when the file is read, so it never starts in the past.
const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10);

/** Posts the open tasks on weekday mornings at 09:00 UTC. */
const trigger: Trigger<typeof DailySummaryWorkflow.definition> = {
  type: TriggerTypes.Scheduled,
  name: "Daily summary",
  description: "Posts the open tasks on weekday mornings",
  workflow: `#/workflows/${DailySummaryWorkflow.definition.callback_id}`,
  inputs: { channel: { value: CHANNEL } },
  schedule: {
    start_time: `${tomorrow}T09:00:00Z`,
    timezone: "UTC",
    frequency: {
      type: "weekly",
      on_days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    },
  },
};

export default trigger;
