/**
 * 3. Popup time to interactive: navigation start -> the Connect button rendered with the real
 * logged-in state (the background's snapshot), against a bare static page of the same extension.
 */
import type { BenchSession } from './lib/browser-session';
import { BLANK_PAGE } from './lib/extension-copy';
import { timePageOpen, type PageTiming } from './lib/ready-probe';
import { median, round, type MeasureResult, type Row } from './lib/stats';

const OPENS = 20;
/** The popup paints from the background's snapshot in storage.session (src/ui/first-state.ts). */
const GOAL_RATIO = 1.35;

export async function measurePopup(session: BenchSession): Promise<MeasureResult> {
  const { context } = session.browser;
  const popup: PageTiming[] = [];
  const blank: PageTiming[] = [];
  // Warm-up (first opens compile and cache), then alternate so drift hits both alike.
  await timePageOpen(context, session.url('popup/popup.html'));
  await timePageOpen(context, session.url(BLANK_PAGE));
  for (let i = 0; i < OPENS; i++) {
    popup.push(await timePageOpen(context, session.url('popup/popup.html')));
    blank.push(await timePageOpen(context, session.url(BLANK_PAGE)));
  }
  const labels = [...new Set(popup.map((p) => p.label))];
  if (labels.length !== 1 || labels[0] !== 'Connect') throw new Error(`popup rendered ${labels.join(', ')}`);
  /** Where the popup's time goes, from its own clock: each step's median (no baseline). */
  const step = (name: string, span: (p: PageTiming) => number): Row => ({
    measure: 'popup',
    name: `breakdown: ${name}`,
    value: round(median(popup.map(span)), 1),
    unit: 'ms',
    runs: OPENS,
  });
  const row = (name: string, key: 'ready' | 'fcp' | 'load', goal?: boolean): Row => {
    const value = median(popup.map((p) => p[key]));
    const base = median(blank.map((p) => p[key]));
    return {
      measure: 'popup',
      name,
      value: round(value, 1),
      unit: 'ms',
      runs: OPENS,
      baseline: round(base, 1),
      ratio: round(value / base, 2),
      ...(goal ? { goal: '<= 1.35x the blank page', pass: value / base <= GOAL_RATIO } : {}),
    };
  };
  return {
    measure: 'popup',
    rows: [
      row('nav start -> Connect rendered (logged in)', 'ready', true),
      row('first contentful paint', 'fcp'),
      row('load event end', 'load'),
      step('nav start -> HTML parsed (domInteractive)', (p) => p.htmlParsed),
      step('HTML parsed -> snapshot asked (script loaded, run)', (p) => p.storageAsked - p.htmlParsed),
      step('storage.session read (snapshot)', (p) => p.storageAnswered - p.storageAsked),
      step('snapshot answered -> Connect rendered', (p) => p.ready - p.storageAnswered),
    ],
    details: {
      state: 'logged in with the demo account of the real reference provider, disconnected: button "Connect"',
      baseline: `${BLANK_PAGE}: static <button>Connect</button> in a copy of the same extension`,
      opens: OPENS,
      popupReadyAll: popup.map((p) => round(p.ready, 1)),
      blankReadyAll: blank.map((p) => round(p.ready, 1)),
    },
  };
}
