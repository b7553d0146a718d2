// hello-rosi's own tests, written as any app's would be with rosi/testing: the app deployed once to an emulator,
// everything put back before each test, and the greet workflow run end to end (its function runs in Deno).
import { fileURLToPath } from "node:url";
import { findDeno, startEmulator, type TestEmulator, type Trigger } from "rosi/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const project = fileURLToPath(new URL("..", import.meta.url));
const GENERAL = "C0GENERAL";

// Deployed functions run in Deno; without one these tests cannot run, and say so.
const deno = await findDeno();
const suite = deno.path ? describe : describe.skip;
const title = (name: string) => (deno.path ? name : `${name} — skipped: ${deno.reason}`);

suite(title("hello-rosi"), () => {
  let emu: TestEmulator;
  let webhook: Trigger;

  beforeAll(async () => {
    // Deploys a copy of the project and creates the webhook trigger, then takes the checkpoint reset() returns to.
    emu = await startEmulator({ project, triggers: ["triggers/greet_webhook.ts"] });
    webhook = emu.triggers[0] as Trigger;
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  const greet = (name: string) => emu.fire(webhook, { kind: "greeting", name, channel: GENERAL });
  const tasksOf = (owner: string) =>
    emu.datastore("tasks").query({ expression: "#owner = :owner", expression_attributes: { "#owner": "owner" }, expression_values: { ":owner": owner } });

  describe("greet and remember", () => {
    it("greets the person in #general", async () => {
      const run = await greet("Ada");
      expect(run.status).toBe("completed");
      expect(run.messages.map((m) => [m.channel, m.text])).toEqual([[GENERAL, "Hello, Ada! 👋"]]);
      expect((await emu.messages(GENERAL)).map((m) => m.text)).toEqual(["Hello, Ada! 👋"]);
    });

    it("stores a task to follow up with them", async () => {
      const run = await greet("Grace");
      const tasks = await tasksOf("Grace");
      expect(tasks).toEqual([{ id: run.steps[0]?.outputs?.task_id, title: "Follow up with Grace", owner: "Grace", done: false }]);
    });

    it("fails on an empty name, posting and storing nothing", async () => {
      const run = await greet("  ");
      expect(run.status).toBe("failed");
      expect(run.error).toBe("A name is needed");
      expect(run.steps.map((s) => s.status)).toEqual(["failed"]);
      expect(run.messages).toEqual([]);
      expect(await emu.datastore("tasks").query()).toEqual([]);
    });
  });

  // Two tests in order: the first leaves state behind, the second fails if any of it is still there.
  describe("reset() between tests", () => {
    let leftover: { execution: string; item: string } | undefined;

    it("leaves an item, a run and a message behind", async () => {
      await emu.datastore("tasks").put({ id: "left-over", title: "Left over", owner: "Nobody", done: false });
      const run = await greet("Linus");
      leftover = { execution: run.workflowExecutionId, item: "left-over" };
      expect(await emu.datastore("tasks").query()).toHaveLength(2);
      expect(await emu.messages(GENERAL)).toHaveLength(1);
    });

    it("finds none of it in the next test", async () => {
      expect(leftover).toBeDefined();
      expect(await emu.datastore("tasks").get(leftover?.item ?? "")).toBeUndefined();
      expect(await emu.datastore("tasks").query()).toEqual([]);
      expect(await emu.messages(GENERAL)).toEqual([]);
      // The emulator's test endpoint lists the app's workflow executions.
      const res = await fetch(`${emu.url}/__emulator/executions?app_id=${emu.appId}`);
      const { executions } = (await res.json()) as { executions: { id: string }[] };
      expect(executions.map((x) => x.id)).not.toContain(leftover?.execution);
      expect(executions).toEqual([]);
    });
  });
});
