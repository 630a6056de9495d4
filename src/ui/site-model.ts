/** The popup's current-site card: the tab's site, its bypass switch, and whether a reload is due. */
import { signal } from '@preact/signals-core';
import type { SiteView } from '../shared/messages';
import type { BypassEntry } from '../shared/view-state';
import type { Client } from './client';
import type { ViewModel } from './view-model';

type Tab = { id: number; url: string } | null;

/** The last "Site not working?" choice, kept so one click undoes it. */
export interface SiteChange {
  site: string;
  /** The region the site now goes through; null: it bypasses the VPN. */
  regionId: string | null;
  /** The site's own rule before the change, put back by Undo (null: there was none). */
  before: BypassEntry | null;
}
const NO_SITE: SiteView = { site: null, bypassed: false };

/**
 * `tab` may still be on its way: the card shows null (not known yet) until the tab and the
 * background's answer for it arrive, so the popup's first paint never waits for them.
 */
export function createSiteModel(client: Client, model: ViewModel, tab: Tab | Promise<Tab>, initial?: SiteView) {
  const site = signal<SiteView | null>(initial ?? null);
  const changed = signal(false);
  const lastChange = signal<SiteChange | null>(null);
  const current = Promise.resolve(tab);
  async function refresh() {
    const t = await current;
    if (!t) return void (site.value = NO_SITE);
    const answer = await client.send('siteStatus', { url: t.url });
    site.value = answer.ok ? answer.value : NO_SITE;
  }
  const loaded = initial ? Promise.resolve() : refresh();
  return {
    site,
    changed,
    loaded,
    lastChange,
    /** "Site not working?": the site bypasses the VPN (no region) or goes through another region. */
    async route(regionId: string | null) {
      const name = site.value?.site;
      if (!name) return;
      const before = model.state.value.bypass.find((e) => e.pattern === name) ?? null;
      const failure = regionId ? await model.addBypass(name, regionId) : await model.setSiteBypass(name, true);
      if (failure !== null) return;
      lastChange.value = { site: name, regionId, before };
      changed.value = true;
      await refresh();
    },
    /** Puts the site's rule back as it was before the last route(). */
    async undo() {
      const change = lastChange.value;
      if (!change) return;
      const { before, site: name } = change;
      const failure = before ? await model.addBypass(before.pattern, before.regionId) : await model.removeBypass(name);
      if (failure !== null) return;
      lastChange.value = null;
      await refresh();
    },
    async toggle(bypass: boolean) {
      const name = site.value?.site;
      if (!name) return;
      if ((await model.setSiteBypass(name, bypass)) === null) {
        await refresh();
        changed.value = true;
      }
    },
    async reload() {
      const t = await current;
      if (t) client.reloadTab(t.id);
      changed.value = false;
    },
  };
}

export type SiteModel = ReturnType<typeof createSiteModel>;
