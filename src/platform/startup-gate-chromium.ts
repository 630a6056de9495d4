/**
 * A fail-closed gate for the moment Chromium starts, before the service worker has re-applied
 * the PAC (docs/browser-facts.md: an extension loaded with --load-extension gets its proxy
 * setting back only when it sets it again, and the first request went direct).
 *
 * While connected we keep a *dynamic* declarativeNetRequest rule that blocks every request
 * (dynamic rules persist across restarts and apply before any extension code runs) and a
 * higher-priority *session* rule that allows them again (session rules vanish at browser exit).
 * So after a restart everything is blocked until the worker has set the PAC and re-added the
 * session rule; never direct. Measured here: blocked for tens of milliseconds after start.
 */
const GATE_BLOCK_ID = 1;
const GATE_ALLOW_ID = 2;
const ALL_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'other',
];

// Dynamic rules are written to disk: re-arming on every proxy change would cost a write each time,
// so this worker remembers what it armed (after a worker restart it arms once again).
let armedFor: string | null = null;

/** Closes the gate for future browser starts and opens it for this one. */
export async function armStartupGate(alwaysDirectHosts: string[]): Promise<void> {
  const key = alwaysDirectHosts.join(' ');
  if (armedFor === key) return;
  const excludedRequestDomains = alwaysDirectHosts.length ? alwaysDirectHosts : undefined;
  await chrome.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [GATE_BLOCK_ID],
    addRules: [
      {
        id: GATE_BLOCK_ID,
        priority: 1,
        action: { type: 'block' },
        condition: { resourceTypes: ALL_TYPES, excludedRequestDomains },
      },
    ],
  });
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [GATE_ALLOW_ID],
    addRules: [{ id: GATE_ALLOW_ID, priority: 2, action: { type: 'allow' }, condition: { resourceTypes: ALL_TYPES } }],
  });
  armedFor = key;
}

export async function disarmStartupGate(): Promise<void> {
  armedFor = null;
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [GATE_BLOCK_ID] });
  await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [GATE_ALLOW_ID] });
}
