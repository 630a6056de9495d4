/**
 * A PAC runtime for unit tests: node:vm with the standard PAC helper library (as Chromium and
 * Firefox define it) and the DNS helpers replaced by spies.
 *
 * isInNet, dnsResolve, isResolvable, myIpAddress and their *Ex variants resolve names on a real
 * browser, which is a DNS leak. Here each call is recorded, and a call with a host name (not an IP
 * literal) throws, so a script that reaches DNS fails loudly as well as being counted.
 */
import vm from 'node:vm';

const PAC_LIBRARY = `
function isPlainHostName(host) { return host.indexOf('.') === -1; }
function dnsDomainIs(host, domain) {
  return host.length >= domain.length && host.substring(host.length - domain.length) === domain;
}
function localHostOrDomainIs(host, hostdom) {
  return host === hostdom || hostdom.lastIndexOf(host + '.', 0) === 0;
}
function dnsDomainLevels(host) { return host.split('.').length - 1; }
function isValidIpAddress(s) { return /^\\d{1,3}(\\.\\d{1,3}){3}$/.test(s); }
function convert_addr(ipchars) {
  var bytes = ipchars.split('.');
  return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
}
function shExpMatch(url, pattern) {
  pattern = pattern.replace(/\\./g, '\\\\.').replace(/\\*/g, '.*').replace(/\\?/g, '.');
  return new RegExp('^' + pattern + '$').test(url);
}
function weekdayRange() { return true; }
function dateRange() { return true; }
function timeRange() { return true; }
function alert(message) {}
`;

export const DNS_HELPERS = [
  'dnsResolve',
  'dnsResolveEx',
  'isResolvable',
  'isResolvableEx',
  'isInNet',
  'isInNetEx',
  'myIpAddress',
  'myIpAddressEx',
] as const;

export interface DnsCall {
  helper: string;
  args: unknown[];
}

export interface PacSandbox {
  findProxyForURL(url: string, host: string): string;
  /** A global of the script (e.g. one of its helper functions), for white-box checks. */
  global(name: string): unknown;
  dnsCalls: DnsCall[];
}

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

/** A PAC runtime whose context (helper library and DNS spies) is shared by every script it loads. */
export function createPacRuntime(dnsCalls: DnsCall[] = []): (pac: string) => PacSandbox {
  const context = vm.createContext({});
  vm.runInContext(PAC_LIBRARY, context);
  for (const helper of DNS_HELPERS) {
    context[helper] = (...args: unknown[]) => {
      dnsCalls.push({ helper, args });
      const host = args[0];
      if (typeof host === 'string' && host !== '' && !IP_LITERAL.test(host)) {
        throw new Error(`${helper}(${host}) would resolve a host name`);
      }
      return helper.startsWith('is') ? false : '127.0.0.1';
    };
  }
  return (pac) => load(pac, context, dnsCalls);
}

export function loadPac(pac: string, dnsCalls: DnsCall[] = []): PacSandbox {
  return createPacRuntime(dnsCalls)(pac);
}

function load(pac: string, context: vm.Context, dnsCalls: DnsCall[]): PacSandbox {
  // Compiled once as a script (so a top-level `return` or any syntax error fails here), then run
  // inside a function in the same context: globals of a vm context sit behind interceptors and
  // cost ~20 µs per lookup, which would make a 100,000-case fuzz crawl. Helpers stay global.
  const script = new vm.Script(pac, { filename: 'generated.pac' });
  const find = vm.runInContext(`(function () {\n${pac}\n;return FindProxyForURL;\n})()`, context, {
    filename: 'generated.pac',
    timeout: 5_000,
  }) as unknown;
  if (typeof find !== 'function') throw new Error('The script defines no FindProxyForURL.');
  let globalScope: vm.Context | null = null;
  return {
    findProxyForURL: (url, host) => String(find(url, host)),
    global: (name) => {
      if (!globalScope) {
        globalScope = vm.createContext({});
        script.runInContext(globalScope, { timeout: 5_000 });
      }
      return globalScope[name];
    },
    dnsCalls,
  };
}
