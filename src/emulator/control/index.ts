// What every service's /__emulator endpoints share: reading their JSON body and refusing it.
// The control router (control.ts) is not here: it imports every service's endpoints.
export { badRequest, controlParams, intParam, type ControlRoute } from './control-body.js';
