/**
 * npm run fleet: what a provider runs past one machine, on this one (loopback only): a PostgreSQL
 * 15, two account-service nodes on it behind HAProxy, and two regions of two Squids each with the
 * token helper and no access log (test/support/fleet.ts, the same parts the fleet tests use).
 * Prints the account URL to put in the extension's options; Ctrl+C stops and removes everything.
 *   npm run fleet [-- --port 18200]
 */
import { parseArgs } from 'node:util';
import { FLEET_DEMO, startTestFleet } from '../test/support/fleet.ts';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const port = values.port === undefined ? 18200 : Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port needs a port number');

const fleet = await startTestFleet({ nodes: 2, port, squids: { hostNames: ['demo.test', 'site-a.test'] } });
console.log('Zone VPN fleet (loopback)');
console.log(`  account service  ${fleet.url}   (HAProxy -> node1, node2; put this URL in the options page)`);
console.log(`  database         PostgreSQL 15 on 127.0.0.1:${fleet.postgres.port} (temporary)`);
for (const [id, squid] of fleet.squids) console.log(`  squid ${id.padEnd(10)} ${squid.host}:${squid.port}`);
console.log(`  demo account     ${FLEET_DEMO.email} / ${FLEET_DEMO.password}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = (): void => {
  if (stopping) process.exit(1);
  stopping = true;
  void fleet.dispose().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
