import { isObject } from '../../lib/is-object.js';
import { revokeExecutionToken } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { workflowIds } from '../triggers/index.js';
import { stepTarget } from './app-manifest.js';
import { ExecutionLog, functionEntry, workflowEntry } from './execution-log.js';

/**
 * Ends the executions a stopped emulator left running (the data folder is one emulator's at a time, so none
 * of them can still be running): the function fails with `emulator_stopped`, its token is revoked, and the
 * step, the workflow and its function fail, with the entries that say so, in the execution's trace.
 */
export function endInterrupted(deps: EmulatorDeps): void {
  for (const w of deps.store.workflows.runningWorkflows()) {
    const app = deps.store.apps.get(w.app_id);
    if (!app) continue;
    const log = new ExecutionLog(deps, app.id, w.trace_id, w.started_at);
    const ids = workflowIds(app.id, w.callback_id);
    const definition = isObject(app.manifest.workflows) ? app.manifest.workflows[w.callback_id] : undefined;
    const title = isObject(definition) && typeof definition.title === 'string' ? definition.title : w.callback_id;
    deps.store.transaction(() => {
      for (const fx of deps.store.workflows.functionsOf(w.id).filter((f) => f.status === 'running')) {
        const error = 'emulator_stopped: the emulator stopped while this function ran';
        deps.store.workflows.endFunction(fx.id, { status: 'failed', error }, deps.now());
        revokeExecutionToken(deps, fx.id);
        const target = stepTarget(app, fx.function_ref);
        log.write(
          functionEntry('function_execution_result', target.id, { function_name: target.title, function_type: target.type, error }, true),
          workflowEntry(
            'workflow_step_execution_result',
            ids.workflowId,
            { inputs: fx.inputs, function_id: target.id, exec_outcome: 'Error', function_name: target.title, function_execution_id: fx.id },
            true,
          ),
        );
      }
      const error = 'Function failed to execute';
      deps.store.workflows.endWorkflow(w.id, 'failed', error, deps.now());
      log.write(
        workflowEntry('workflow_execution_result', ids.workflowId, { workflow_name: title, exec_outcome: 'Error', error }, true),
        functionEntry('function_execution_result', ids.functionId, { function_name: title, function_type: 'workflow', error }, true),
      );
    });
  }
}
