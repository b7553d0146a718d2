import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { runCliInProcess, type TestContextOptions } from './test-context.js';
import { API } from '../msw/slack.js';

export const APP_ID = 'A0TRG00001';
/** A token from the environment and --app: no project or stored login needed. */
export const CI = { SLACK_SERVICE_TOKEN: 'xoxb-ci-token', ROSI_APIHOST: API };

/** `rosi <argv> --app A0TRG00001` with a CI token; tests add cwd, tty, prompts, clock. */
export const rosi = (argv: string[], o: TestContextOptions = {}) =>
  runCliInProcess([...argv, '--app', APP_ID], { env: CI, ...o, ...(o.env && { env: { ...CI, ...o.env } }) });

/** A trigger as Slack answers it, of the app unless `app` says otherwise. */
export function deployed(id: string, extra: Record<string, unknown> = {}, app = APP_ID): Record<string, unknown> {
  return {
    id,
    type: 'shortcut',
    name: `Trigger ${id}`,
    description: '',
    workflow: { id: 'Fn0001', callback_id: 'greet', app_id: app },
    shortcut_url: `https://slack.com/shortcuts/${id}/0123abcd`,
    date_created: 1_767_225_600,
    date_updated: 1_767_225_600,
    ...extra,
  };
}

/**
 * For a test file: `folder({ 'triggers/a.json': … })` makes a temporary folder with those files; with
 * `.slack/hooks.json` among them it is a project. Each is removed after its test.
 */
export function tempFolders(): (files: Record<string, string>) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), 'rosi-trigger-'));
    made.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
}

/** A project whose manifest has the workflow `greet` (input `who`, required string) and `rotate` (interactivity). */
export const PROJECT_FILES = {
  '.slack/hooks.json': '{"hooks": {}}',
  'manifest.json': JSON.stringify({
    display_information: { name: 'Greeter' },
    workflows: {
      greet: { title: 'Greet', input_parameters: { properties: { who: { type: 'string' } }, required: ['who'] } },
      rotate: {
        title: 'Rotate',
        input_parameters: { properties: { interactivity: { type: 'slack#/types/interactivity' } }, required: ['interactivity'] },
      },
    },
  }),
};
