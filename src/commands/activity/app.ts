import type { Context } from '../../context/context.js';
import { selectApp } from '../../datastore/select-app.js';

/** The app whose activity is read, picked as deploy and datastore pick it (contract §4.3). */
export async function activityApp(ctx: Context, command: string): Promise<string> {
  const session = await ctx.session();
  const selected = await selectApp({
    cwd: ctx.paths.cwd,
    home: ctx.paths.home,
    app: ctx.globals.app,
    explicitToken: session.source !== 'stored',
    place: async () => ({ host: session.apiHost, team: session.credential()?.team_id ?? (await (await ctx.api()).call('auth.test', {})).team_id }),
    command,
  });
  return selected.appId;
}
