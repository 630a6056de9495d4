/** valibot schemas for every answer of the account service: nothing it sends is trusted unchecked. */
import * as v from 'valibot';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^[0-9a-f:.]+$/i;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

export const SessionAnswer = v.object({
  token: v.pipe(v.string(), v.minLength(16), v.maxLength(512)),
  expiresAt: v.number(),
});

export const AccountAnswer = v.object({
  email: v.pipe(v.string(), v.maxLength(320)),
  plan: v.pipe(v.string(), v.maxLength(64)),
  planExpiresAt: v.nullable(v.number()),
});

/**
 * HTTP and SOCKS5 hops carry the access tokens and every site's name in the clear (threats F15,
 * T28), so they are accepted only for a proxy on this machine (development, tests, a local tunnel);
 * any other proxy must be https.
 */
const LOOPBACK = /^(?:127(?:\.[0-9]{1,3}){3}|::1|localhost)$/i;

export const ServerSchema = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.regex(ID)),
    host: v.pipe(v.string(), v.maxLength(253), v.regex(HOST)),
    port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)),
    scheme: v.picklist(['http', 'https', 'socks5']),
  }),
  v.check(
    (server) => server.scheme === 'https' || LOOPBACK.test(server.host),
    'A proxy server that is not on this machine must use https.',
  ),
);

export const RegionSchema = v.object({
  id: v.pipe(v.string(), v.regex(ID)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  city: v.pipe(v.string(), v.maxLength(100)),
  servers: v.pipe(v.array(ServerSchema), v.maxLength(64)),
  load: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
});

/**
 * A region list as the extension reads it (the service's answer and the cached copy alike). A
 * region with no servers is not offered: Connect to it would say "Connected" over a proxy that
 * can route nothing.
 */
export const RegionList = v.pipe(
  v.array(RegionSchema),
  v.maxLength(500),
  v.transform((regions) => regions.filter((region) => region.servers.length > 0)),
);

/**
 * The provider's HTTPS connection check (docs/api.md), announced with the regions. Only https: the
 * answer says what address sites see, and Firefox upgrades an extension's plain-http requests to
 * names anyway (docs/browser-facts.md). A malformed one is dropped; the regions still count.
 */
const ConnectionCheckUrl = v.fallback(
  v.optional(
    v.pipe(
      v.string(),
      v.maxLength(2048),
      v.check((text) => URL.canParse(text) && new URL(text).protocol === 'https:'),
    ),
  ),
  undefined,
);

export const RegionsAnswer = v.object({ regions: RegionList, connectionCheckUrl: ConnectionCheckUrl });

export const TokensAnswer = v.object({
  tokenResponses: v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(64)),
});

export const ErrorAnswer = v.object({ error: v.object({ code: v.string(), message: v.string() }) });
