import { selectApp } from '../../apps/select-app.js';
import type { Context } from '../../context/context.js';

/** The app whose activity is read, picked as deploy and datastore pick it (contract §4.3). */
export async function activityApp(ctx: Context, command: string): Promise<string> {
  return (await selectApp(ctx, { app: ctx.globals.app, command })).appId;
}
