import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetCalls } from './slack.js';
import { server } from './server.js';

// Any request a test did not expect fails it.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetCalls();
});
afterAll(() => server.close());
