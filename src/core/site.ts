/**
 * "Bypass this site" in the popup offers the registrable domain of the current tab.
 *
 * `news.bbc.co.uk` -> `bbc.co.uk` (covering www. and every other subdomain of the site), never
 * `co.uk`: the Public Suffix List (tldts, private section included, so `me.github.io` stays
 * `me.github.io`) knows where a site ends. IP literals are their own site. A host with no
 * registrable domain (`localhost`, a bare suffix) and a page that is not http(s) (chrome://,
 * about:, moz-extension://) have no site, so the popup hides the switch for them.
 */
import { getDomain } from 'tldts';
import { canonicalHost } from './hostname';

export function siteOf(hostname: string): string | null {
  const canonical = canonicalHost(typeof hostname === 'string' ? hostname.trim() : '');
  if (canonical.kind === 'error') return null;
  if (canonical.kind !== 'name') return canonical.host;
  return getDomain(canonical.host, { allowPrivateDomains: true, extractHostname: false });
}

export function siteOfUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return siteOf(parsed.hostname);
}
