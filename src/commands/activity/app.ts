import { selectApp } from '../../apps/select-app.js';
import type { Context } from '../../context/context.js';

/** The app whose activity is read (`app` is --app), picked as deploy and datastore pick it (contract §4.3). */
export async function activityApp(ctx: Context, app: string | undefined, command: string): Promise<string> {
  return (await selectApp(ctx, { app, command })).appId;
}
