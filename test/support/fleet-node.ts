/**
 * One account-service node of test/support/fleet.ts in a process of its own, as on its own machine
 * (startTestFleet with `processes: true`; the load bench uses it so that nodes do not share one
 * event loop and one libuv thread pool).
 *   node --import tsx test/support/fleet-node.ts '<ProviderOptions as JSON>'
 * Prints one JSON line { accountUrl } when it listens; closes and exits when stdin ends.
 */
import { startProvider } from '../../server/provider.ts';
import type { ProviderOptions } from '../../server/provider.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as ProviderOptions;
const node = await startProvider(options);
process.stdout.write(`${JSON.stringify({ accountUrl: node.accountUrl })}\n`);

process.stdin.resume();
process.stdin.on('end', () => void node.close().finally(() => process.exit(0)));
