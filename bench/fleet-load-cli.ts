/**
 * `npx tsx bench/load.ts --fleet [--duration 6] [--users 16] [--requests 20] [--out FILE]`:
 * bench/fleet-load.ts on its own; prints the figures and writes bench/load-fleet-results.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { FLEET_LOAD_DEFAULTS, nodeMsPerLogin, runFleetLoad } from './fleet-load.ts';
import type { FleetRun } from './fleet-load.ts';

const { values: args } = parseArgs({
  options: {
    fleet: { type: 'boolean' },
    duration: { type: 'string', default: String(FLEET_LOAD_DEFAULTS.durationS) },
    users: { type: 'string', default: String(FLEET_LOAD_DEFAULTS.users) },
    requests: { type: 'string', default: String(FLEET_LOAD_DEFAULTS.requestsPerToken) },
    out: { type: 'string', default: fileURLToPath(new URL('./load-fleet-results.json', import.meta.url)) },
  },
  strict: true,
});
const options = {
  durationS: Number(args.duration),
  users: Number(args.users),
  requestsPerToken: Number(args.requests),
};
if (!(options.durationS > 0 && options.durationS <= 120) || !(options.users > 0 && options.users <= 200)) {
  throw new Error('--duration (s, <= 120) and --users (<= 200) must be positive');
}
if (!(options.requestsPerToken >= 1)) throw new Error('--requests must be >= 1');

const result = await runFleetLoad(options);
// Formatted as `npm run lint` (prettier --check .) wants the committed file.
writeFileSync(
  args.out,
  await format(JSON.stringify(result), { ...(await resolveConfig(args.out)), filepath: args.out }),
);

const line = (run: FleetRun) =>
  `${run.nodes} node${run.nodes > 1 ? 's' : ' '}  logins ${run.login.perSecond}/s (p50 ${run.login.p50Ms} ms)  ` +
  `node CPU ${nodeMsPerLogin(run)} ms/login  tokens ${run.token.perSecond}/s  proxied ${run.proxied.perSecond}/s  ` +
  `errors ${Object.keys(run.errors).length ? JSON.stringify(run.errors) : 'none'}`;
console.log(
  `Zone VPN fleet load: ${options.users} users, ${options.durationS} s per phase, ${result.kdf}, ` +
    `${result.machine.nproc} CPUs (${result.machine.cpuModel}), load average ${result.machine.loadAverage.before.join(' ')}`,
);
for (const run of result.runs) console.log(line(run));
console.log(
  `two/one  logins ${result.ratio.logins}x  tokens ${result.ratio.tokens}x  proxied ${result.ratio.proxied}x`,
);
for (const run of result.runs) {
  for (const [name, p] of Object.entries(run.phases))
    console.log(`cpu (cores) ${run.nodes}n ${name}: ${JSON.stringify(p.cores)}`);
}
console.log(`limit    ${result.limit}`);
console.log(`written  ${args.out}`);
