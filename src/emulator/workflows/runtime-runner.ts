// The engine's runner on the Deno runtime: an app function runs from the app's newest deployed bundle, with
// the network its installed manifest allows (runtime contract §6.4).
import type { EmulatorDeps } from '../deps.js';
import { latestDeployment } from '../hosting/index.js';
import type { Runtime } from '../runtime/index.js';
import type { FunctionRunner, FunctionRunResult } from './function-runner.js';

const failed = (error: string): FunctionRunResult => ({ outcome: 'crashed', error, output: '', durationMs: 0 });

export function runtimeRunner(deps: Pick<EmulatorDeps, 'store' | 'hosting'>, runtime: Runtime): FunctionRunner {
  return {
    async run({ appId, functionExecutionId, payload }) {
      const deployment = latestDeployment(deps, appId);
      // The seeded app (--manifest) and an app whose upload is gone have no code to run: say so, never pretend.
      if (!deployment) return failed('app_not_deployed: the app has no deployed bundle to run its functions from; deploy it with rosi deploy');
      const app = deps.store.apps.get(appId);
      const outgoing = app ? (deps.store.apps.installation(appId, app.team_id)?.outgoing_domains ?? []) : [];
      let r;
      try {
        // Held from before it is unpacked to the run's end: pruning old deployments never takes it away.
        r = await runtime.runDeployed(deployment, { payload, allowNet: outgoing, executionId: functionExecutionId });
      } catch (e) {
        return failed(`bundle_unpack_failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Cancelled only when the emulator stops: the engine has stopped writing by then.
      if (r.outcome === 'cancelled') return { ...r, outcome: 'crashed', error: r.error ?? 'emulator_stopped: the emulator stopped during the run' };
      return { ...r, outcome: r.outcome };
    },
    takeOutput: (functionExecutionId) => runtime.takeOutput(functionExecutionId),
  };
}
