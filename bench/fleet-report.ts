/** The fleet-load figures as a Markdown section of docs/benchmarks.md (bench/report.ts). */
import { nodeMsPerLogin } from './fleet-load.ts';
import type { FleetLoadResult } from './fleet-load.ts';

export function fleetLoadSection(result: FleetLoadResult, command: string): string {
  const m = result.machine;
  const rows = result.runs.map(
    (run, i) =>
      `| ${i + 1} | ${run.nodes} | ${run.login.perSecond} | ${Math.round(run.login.p50Ms)} ms | ${nodeMsPerLogin(run)} ms | ` +
      `${run.phases.login.cores['account nodes'] ?? 0} | ${run.token.perSecond} | ${run.proxied.perSecond} | ` +
      `${Object.entries(run.errors)
        .map(([what, count]) => `${count}× ${what}`)
        .join('; ')} |`,
  );
  const intro = [
    `\`${command}\` at ${m.date}, ${m.nproc} CPUs (${m.cpuModel}), Node ${m.node},`,
    `load average before ${m.loadAverage.before.join(' ')}. Password KDF: ${result.kdf}.`,
    `Rate limits: ${result.limits}. ${result.options.users} virtual users, ${result.options.durationS} s per phase,`,
    `${result.options.requestsPerToken} proxied requests per token; steps in the order measured.`,
  ];
  return `## Fleet load: one account-service node vs two

${intro.join('\n')}

| step | nodes | logins/s | login p50 | node CPU per login | nodes' cores (logins) | tokens/s | proxied req/s | failed |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Two nodes over the mean of the one-node steps: logins ${result.ratio.logins}x, tokens ${result.ratio.tokens}x, proxied
requests ${result.ratio.proxied}x.

What limits the ratio: ${result.limit}
`;
}
