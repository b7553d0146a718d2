import { displayName, newTaskId } from './shared/text.ts';

interface CreateTaskInputs {
  title: string;
  owner?: string;
}

interface HandlerArgs {
  inputs: CreateTaskInputs;
  token: string;
  env: Record<string, string>;
}

/** Stores a task in the `tasks` datastore and returns its id. */
export default async function createTask({ inputs, token, env }: HandlerArgs) {
  const title = inputs.title.trim();
  if (title === '') return { error: 'A task needs a title' };
  const item = { id: newTaskId(), title, owner: displayName(inputs.owner), done: false };
  const api = env.SLACK_API_URL ?? 'https://slack.com/api/';
  const response = await fetch(`${api}apps.datastore.put`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ datastore: 'tasks', item }),
  });
  const body = (await response.json()) as { ok: boolean; error?: string };
  if (!body.ok) return { error: `Could not save the task: ${body.error ?? response.status}` };
  return { outputs: { task_id: item.id } };
}
