/**
 * The constant ES5 code of every generated PAC script: the routing.ts / ip-literal.ts walk,
 * transcribed function by function (zvFind = findAction, zvParse6 = parseIPv6, zvPort = portOfUrl…)
 * so that the fuzz test can hold the two to the same answers. Change them together.
 *
 * Written for Chromium's PAC runtime: ES5 only, `zv` prefixes so no standard PAC helper is
 * shadowed, and no DNS helper at all (isInNet, dnsResolve, isResolvable, myIpAddress would each
 * resolve the host locally: a leak and a stall). Only the host and the URL's authority are read;
 * the path never is. Any exception answers the dead loopback proxy, never DIRECT.
 */
export const PAC_CODE = `var ZV_BLOCK = 'PROXY 127.0.0.1:9';
var ZV_KEYWORDS = { http: 'PROXY', https: 'HTTPS', socks5: 'SOCKS5' };
var ZV_PORTS = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };
var zvHas = Object.prototype.hasOwnProperty;

function FindProxyForURL(url, host) {
  try {
    if (DATA.pausedUntil !== undefined && new Date().getTime() < DATA.pausedUntil) return 'DIRECT';
    return zvAnswer(zvFind(zvHost(host), zvPort(url)));
  } catch (e) {
    return ZV_BLOCK;
  }
}

function zvHost(host) {
  var h = String(host).toLowerCase();
  if (h.charAt(0) === '[' && h.charAt(h.length - 1) === ']') h = h.slice(1, -1);
  if (h.charAt(h.length - 1) === '.') h = h.slice(0, -1);
  return h;
}

function zvPort(url) {
  var s = String(url), i = s.indexOf('://'), scheme, rest, end, auth, colon, port;
  if (i < 0) return 0;
  scheme = s.slice(0, i).toLowerCase();
  rest = s.slice(i + 3);
  end = rest.search(/[\\/?#]/);
  auth = end < 0 ? rest : rest.slice(0, end);
  auth = auth.slice(auth.lastIndexOf('@') + 1);
  colon = auth.indexOf(':', auth.charAt(0) === '[' ? auth.indexOf(']') : 0);
  if (colon < 0) return zvHas.call(ZV_PORTS, scheme) ? ZV_PORTS[scheme] : 0;
  port = auth.slice(colon + 1);
  return /^[0-9]{1,5}$/.test(port) ? Number(port) : 0;
}

function zvFind(h, port) {
  var v4 = zvParse4(h), v6 = v4 === null ? zvParse6(h) : null, p = ':' + port, layers = DATA.layers, i, a;
  for (i = 0; i < layers.length; i++) {
    a = v4 !== null ? zvMatch4(layers[i], v4, p) : v6 ? zvMatch6(layers[i], v6, p) : zvMatchName(layers[i], h, p);
    if (a !== null) return a;
  }
  return DATA.fallback;
}

function zvMatchName(layer, h, p) {
  var a, dot;
  if (layer.plain !== null && h !== '' && h.indexOf('.') < 0 && h.indexOf(':') < 0) return layer.plain;
  if (!layer.e && !layer.d && !layer.s) return null;
  a = zvPick(layer, layer.e ? 'e:' + h : null, layer.d ? 'd:' + h : null, p);
  for (dot = h.indexOf('.'); a === null && dot >= 0; dot = h.indexOf('.', dot + 1)) {
    if (layer.s || layer.d) a = zvPickSuffix(layer, h.slice(dot + 1), p);
  }
  return a;
}

function zvPickSuffix(layer, suffix, p) {
  return zvPick(layer, layer.s ? 's:' + suffix : null, layer.d ? 'd:' + suffix : null, p);
}

// One label's candidates, most specific first: narrow+port, wide+port, narrow, wide (a null key
// is a kind the layer does not have).
function zvPick(layer, narrow, wide, p) {
  var keys = layer.keys, a = null;
  if (layer.ports) {
    if (narrow !== null) a = zvOwn(keys, narrow + p);
    if (a === null && wide !== null) a = zvOwn(keys, wide + p);
  }
  if (a === null && narrow !== null) a = zvOwn(keys, narrow);
  if (a === null && wide !== null) a = zvOwn(keys, wide);
  return a;
}

function zvOwn(keys, key) {
  return zvHas.call(keys, key) ? keys[key] : null;
}

function zvMatch4(layer, v, p) {
  var i, len, key, a;
  for (i = 0; i < layer.p4.length; i++) {
    len = layer.p4[i];
    key = '4:' + zvFormat4(len <= 0 ? 0 : (v & (-1 << (32 - len))) >>> 0) + '/' + len;
    a = zvOwn(layer.keys, key + p);
    if (a === null) a = zvOwn(layer.keys, key);
    if (a !== null) return a;
  }
  return null;
}

function zvMatch6(layer, groups, p) {
  var i, len, key, a;
  for (i = 0; i < layer.p6.length; i++) {
    len = layer.p6[i];
    key = '6:' + zvKey6(groups, len) + '/' + len;
    a = zvOwn(layer.keys, key + p);
    if (a === null) a = zvOwn(layer.keys, key);
    if (a !== null) return a;
  }
  return null;
}

function zvParse4(s) {
  var c = s.charCodeAt(0), parts, v = 0, i, n;
  // Names are the common case: an IPv4 literal starts with a digit and has at most 15 characters.
  if (!(c >= 48 && c <= 57) || s.length > 15) return null;
  parts = s.split('.');
  if (parts.length !== 4) return null;
  for (i = 0; i < 4; i++) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(parts[i])) return null;
    n = Number(parts[i]);
    if (n > 255) return null;
    v = v * 256 + n;
  }
  return v;
}

function zvFormat4(v) {
  return (v >>> 24) + '.' + ((v >>> 16) & 255) + '.' + ((v >>> 8) & 255) + '.' + (v & 255);
}

function zvParse6(s) {
  var halves, head, tail, out = [], gap;
  if (s.indexOf(':') < 0 || !/^[0-9a-f:.]+$/.test(s)) return null;
  halves = s.split('::');
  if (halves.length > 2) return null;
  head = halves[0] ? halves[0].split(':') : [];
  tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (!zvGroups(head, out, halves.length === 1)) return null;
  if (halves.length === 1) return out.length === 8 ? out : null;
  gap = out.length;
  if (!zvGroups(tail, out, true) || out.length > 7) return null;
  while (out.length < 8) out.splice(gap, 0, 0);
  return out;
}

function zvGroups(parts, out, mayEndInIPv4) {
  var i, part, v4;
  for (i = 0; i < parts.length; i++) {
    part = parts[i];
    if (part.indexOf('.') >= 0) {
      v4 = mayEndInIPv4 && i === parts.length - 1 ? zvParse4(part) : null;
      if (v4 === null) return false;
      out.push(v4 >>> 16, v4 & 65535);
    } else {
      if (!/^[0-9a-f]{1,4}$/.test(part)) return false;
      out.push(parseInt(part, 16));
    }
  }
  return true;
}

function zvKey6(groups, len) {
  var out = [], i, bits;
  for (i = 0; i < 8; i++) {
    bits = len - 16 * i;
    out.push((bits >= 16 ? groups[i] : bits <= 0 ? 0 : groups[i] & ((65535 << (16 - bits)) & 65535)).toString(16));
  }
  return out.join(':');
}

// Answers depend only on the action, so each is built once per script load.
var zvAnswers = {};

function zvAnswer(a) {
  if (!zvHas.call(zvAnswers, a)) zvAnswers[a] = zvBuildAnswer(a);
  return zvAnswers[a];
}

function zvBuildAnswer(a) {
  var region = a >= 0 ? DATA.regions[a] : null, out = [], i, s, keyword;
  if (a === -1) return 'DIRECT';
  if (!region || !region.servers.length) return ZV_BLOCK;
  for (i = 0; i < region.servers.length; i++) {
    s = region.servers[i];
    keyword = zvOwn(ZV_KEYWORDS, s.scheme);
    if (keyword === null || !zvSafeServer(s)) return ZV_BLOCK;
    out.push(keyword + ' ' + (s.host.indexOf(':') >= 0 ? '[' + s.host + ']' : s.host) + ':' + s.port);
  }
  if (DATA.failOpen === true) out.push('DIRECT');
  return out.join('; ');
}

function zvSafeServer(s) {
  return typeof s.host === 'string' && /^[0-9a-z.:-]+$/.test(s.host) &&
    typeof s.port === 'number' && s.port % 1 === 0 && s.port >= 1 && s.port <= 65535;
}
`;
