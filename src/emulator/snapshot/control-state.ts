import type { ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';

/*
 * A checkpoint and a reset to it, for a test suite driving an emulator in another process (rosi/testing's
 * child mode): POST checkpoint after deploying and seeding, POST reset before each test. Only with --control.
 */
export const stateControl: Record<string, ControlRoute<EmulatorDeps>> = {
  'POST checkpoint'(_req, res, _url, deps) {
    deps.state?.checkpoint();
    sendJson(res, 200, { ok: true });
  },
  async 'POST reset'(_req, res, _url, deps) {
    const started = performance.now();
    if (!(await deps.state?.reset())) return sendJson(res, 409, { ok: false, error: 'no_checkpoint', message: 'POST /__emulator/checkpoint first.' });
    sendJson(res, 200, { ok: true, took_ms: Math.round((performance.now() - started) * 100) / 100 });
  },
};
