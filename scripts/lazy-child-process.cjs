// Stands in for node:child_process inside the bundle. commander requires it at load
// time but only uses it for external sub-commands, which rosi has none of; loading the
// real module (and dgram/net behind it) on every run costs start-up time for nothing.
'use strict';
let real;
module.exports = new Proxy({}, {
  get(_target, key) {
    real ??= require('node:child_process');
    return real[key];
  },
});
