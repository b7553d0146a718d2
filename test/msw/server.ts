import { setupServer } from 'msw/node';

/** One msw server for the unit project; handlers are added per test with server.use(). */
export const server = setupServer();
