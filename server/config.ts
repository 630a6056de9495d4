/**
 * The provider's configuration file: schema and loader.
 * Port 0 anywhere means "let the OS pick a free port" (tests use it); the real ports are reported
 * by the running provider, never read back from the config.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as v from 'valibot';

const Port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'ids are lower-case letters, digits and dashes'));
const Host = v.pipe(v.string(), v.nonEmpty());
const IpLiteral = v.pipe(
  v.string(),
  v.check((value) => isIP(value) !== 0, 'hosts values must be IP addresses'),
);
/** An address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
const AddressOrRange = v.pipe(
  v.string(),
  v.check((value) => {
    const [address = '', prefix, ...rest] = value.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  }, 'trustProxy entries are IP addresses or CIDR ranges'),
);
/** `name.example` (exact) or `*.suffix` (any name below suffix). */
const HostPattern = v.pipe(
  v.string(),
  v.regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'hosts keys are names or *.suffix'),
);

const ServerSchema = v.object({
  id: Id,
  host: Host,
  port: Port,
  scheme: v.picklist(['http', 'https', 'socks5']),
  /**
   * false: the server runs elsewhere (a Squid of the fleet, another machine); it is announced in
   * /v1/regions but this provider starts no proxy for it. Default true.
   */
  managed: v.optional(v.boolean()),
});

const RegionSchema = v.object({
  id: Id,
  name: v.pipe(v.string(), v.nonEmpty()),
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'country is an ISO 3166-1 alpha-2 code, upper case')),
  city: v.pipe(v.string(), v.nonEmpty()),
  servers: v.pipe(v.array(ServerSchema), v.minLength(1)),
});

export const ProviderConfigSchema = v.pipe(
  v.object({
    accountService: v.object({
      host: Host,
      port: Port,
      /**
       * Load balancers whose X-Forwarded-For is believed (server/account/service.ts); absent or
       * empty: the client address is the connection's peer and any X-Forwarded-For is ignored.
       */
      trustProxy: v.optional(v.array(AddressOrRange)),
    }),
    /**
     * "What sites see": an HTTPS listener for GET /v1/connection-check that clients reach through
     * their proxy as `name` (server/account/connection-check.ts); `countries` maps the proxies'
     * egress addresses to ISO country codes (the provider's GeoIP, here by hand).
     */
    connectionCheck: v.optional(
      v.object({
        host: Host,
        port: Port,
        name: v.pipe(v.string(), v.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'connectionCheck.name is a DNS name')),
        countries: v.optional(
          v.record(IpLiteral, v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'countries are ISO codes like DE'))),
          {},
        ),
      }),
    ),
    /** SQLite file path or postgres:// URL (server/account/db/connect.ts); --db overrides it. */
    database: v.optional(v.pipe(v.string(), v.nonEmpty())),
    regions: v.pipe(v.array(RegionSchema), v.minLength(1)),
    hosts: v.optional(v.record(HostPattern, IpLiteral), {}),
  }),
  v.check((config) => unique(config.regions.map((r) => r.id)), 'region ids must be unique'),
  v.check(
    (config) => unique(config.regions.flatMap((r) => r.servers.map((s) => s.id))),
    'server ids must be unique across all regions',
  ),
  v.check((config) => {
    const fixed = [config.accountService, ...config.regions.flatMap((r) => r.servers)].filter((s) => s.port !== 0);
    return unique(fixed.map((s) => `${s.host}:${s.port}`));
  }, 'each host:port (other than port 0) may be used only once'),
);

export type ProviderConfig = v.InferOutput<typeof ProviderConfigSchema>;

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}

/** Validates an already parsed config object; throws an Error listing every problem. */
export function parseConfig(input: unknown): ProviderConfig {
  const result = v.safeParse(ProviderConfigSchema, input);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new Error(`Invalid provider config:\n  ${problems.join('\n  ')}`);
}

export async function loadConfig(file: string): Promise<ProviderConfig> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Provider config ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseConfig(json);
}
