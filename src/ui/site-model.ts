/** The popup's current-site card: the tab's site, its bypass switch, and whether a reload is due. */
import { signal } from '@preact/signals';
import type { SiteView } from '../shared/messages';
import type { Client } from './client';
import type { ViewModel } from './view-model';

export function createSiteModel(
  client: Client,
  model: ViewModel,
  tab: { id: number; url: string } | null,
  initial: SiteView,
) {
  const site = signal(initial);
  const changed = signal(false);
  return {
    site,
    changed,
    async toggle(bypass: boolean) {
      if (!tab || !site.value.site) return;
      if ((await model.setSiteBypass(site.value.site, bypass)) === null) {
        const answer = await client.send('siteStatus', { url: tab.url });
        if (answer.ok) site.value = answer.value;
        changed.value = true;
      }
    },
    reload() {
      if (tab) client.reloadTab(tab.id);
      changed.value = false;
    },
  };
}

export type SiteModel = ReturnType<typeof createSiteModel>;

export async function loadSite(client: Client): Promise<{ tab: { id: number; url: string } | null; view: SiteView }> {
  const tab = await client.currentTab();
  if (!tab) return { tab, view: { site: null, bypassed: false } };
  const answer = await client.send('siteStatus', { url: tab.url });
  return { tab, view: answer.ok ? answer.value : { site: null, bypassed: false } };
}
