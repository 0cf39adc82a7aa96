// Starts the Kefu server once for the whole run; the returned function stops it.

import { baseURL, startServer } from './server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startServer();
  console.log(`[e2e] kefu server on ${baseURL} (data ${server.dataDir})`);
  return async () => {
    await server.stop();
  };
}
