/**
 * The standard PAC helper functions, written simply after the Netscape/Chromium definitions, to
 * evaluate PAC scripts in a node:vm context. The DNS helpers only count their calls and resolve
 * nothing: our script must never call them (a local lookup would leak the host name and stall).
 */
export const PAC_HELPERS = `
var __dnsCalls = 0;
function dnsResolve(host) { __dnsCalls++; return null; }
function dnsResolveEx(host) { __dnsCalls++; return ''; }
function isResolvable(host) { __dnsCalls++; return false; }
function isResolvableEx(host) { __dnsCalls++; return false; }
function myIpAddress() { __dnsCalls++; return '127.0.0.1'; }
function myIpAddressEx() { __dnsCalls++; return '127.0.0.1'; }
function isPlainHostName(host) { return host.search('(\\\\.)|:') == -1; }
function dnsDomainIs(host, domain) {
  return host.length >= domain.length && host.substring(host.length - domain.length) == domain;
}
function localHostOrDomainIs(host, hostdom) {
  return host == hostdom || hostdom.lastIndexOf(host + '.', 0) == 0;
}
function dnsDomainLevels(host) { return host.split('.').length - 1; }
function shExpMatch(url, pattern) {
  pattern = pattern.replace(/\\./g, '\\\\.');
  pattern = pattern.replace(/\\*/g, '.*');
  pattern = pattern.replace(/\\?/g, '.');
  var newRe = new RegExp('^' + pattern + '$');
  return newRe.test(url);
}
function convert_addr(ipchars) {
  var bytes = ipchars.split('.');
  return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
}
function isInNet(ipaddr, pattern, maskstr) {
  var test = /^(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})$/.exec(ipaddr);
  if (test == null) {
    ipaddr = dnsResolve(ipaddr);
    if (ipaddr == null) return false;
  } else if (test[1] > 255 || test[2] > 255 || test[3] > 255 || test[4] > 255) {
    return false;
  }
  var host = convert_addr(ipaddr);
  var pat = convert_addr(pattern);
  var mask = convert_addr(maskstr);
  return (host & mask) == (pat & mask);
}
function weekdayRange() { return false; }
function dateRange() { return false; }
function timeRange() { return false; }
function alert() {}
`;
