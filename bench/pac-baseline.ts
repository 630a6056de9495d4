/**
 * The naive PAC most proxy managers emit: one loop over the user's patterns, each tried with
 * dnsDomainIs / shExpMatch / isInNet until one matches. Its cost grows with the list.
 */
export function naivePac(patterns: readonly string[], proxyAnswer: string): string {
  const rules = patterns.map((text) => {
    const bare = text.replace(/:(\d+)$/, ''); // the naive PAC ignores ports
    if (bare.startsWith('*.')) return ['w', bare];
    if (bare.startsWith('=')) return ['e', bare.slice(1)];
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(bare);
    if (cidr) {
      const bits = Number(cidr[2]);
      const mask = bits === 0 ? 0 : (-1 << (32 - bits)) >>> 0;
      const dotted = [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');
      return ['n', cidr[1], dotted];
    }
    return ['d', bare];
  });
  return `var RULES = ${JSON.stringify(rules)};
function FindProxyForURL(url, host) {
  for (var i = 0; i < RULES.length; i++) {
    var r = RULES[i];
    if (r[0] === 'd') { if (host === r[1] || dnsDomainIs(host, '.' + r[1])) return 'DIRECT'; }
    else if (r[0] === 'w') { if (shExpMatch(host, r[1])) return 'DIRECT'; }
    else if (r[0] === 'e') { if (host === r[1]) return 'DIRECT'; }
    else if (isInNet(host, r[1], r[2])) return 'DIRECT';
  }
  return ${JSON.stringify(proxyAnswer)};
}
`;
}
