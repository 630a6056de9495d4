/** The popup's current-site card: the tab's site, its bypass switch, and whether a reload is due. */
import { signal } from '@preact/signals';
import type { SiteView } from '../shared/messages';
import type { Client } from './client';
import type { ViewModel } from './view-model';

type Tab = { id: number; url: string } | null;
const NO_SITE: SiteView = { site: null, bypassed: false };

/**
 * `tab` may still be on its way: the card shows null (not known yet) until the tab and the
 * background's answer for it arrive, so the popup's first paint never waits for them.
 */
export function createSiteModel(client: Client, model: ViewModel, tab: Tab | Promise<Tab>, initial?: SiteView) {
  const site = signal<SiteView | null>(initial ?? null);
  const changed = signal(false);
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
