import { useEffect, useState } from 'preact/hooks';
import type { ContainerChoice, ContainersView } from '../shared/containers';
import type { Answer } from '../shared/messages';
import type { RegionView } from '../shared/view-state';
import { ErrorNote } from '../ui/components/ErrorNote';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';

interface Props {
  regions: RegionView[];
  /** The background lists the containers (platform/containers.ts): null on Chromium, none shown. */
  load(): Promise<Answer<ContainersView>>;
  save(cookieStoreId: string, choice: ContainerChoice | null): Promise<Answer<ContainersView>>;
}

// Select values: '' follows the VPN, 'direct', or 'region:<id>' (a region may be called anything).
const valueOf = (choice: ContainerChoice | undefined) =>
  choice === undefined ? '' : choice === 'direct' ? 'direct' : `region:${choice.regionId}`;
const choiceOf = (value: string): ContainerChoice | null =>
  value === 'direct' ? 'direct' : value.startsWith('region:') ? { regionId: value.slice(7) } : null;

/** Firefox: each container follows the VPN, takes a region of its own, or goes direct. */
export function ContainersPanel({ regions, load, save }: Props) {
  const [view, setView] = useState<ContainersView | null>(null);
  const [error, setError] = useState<Answer<never> | null>(null);
  const take = (answer: Answer<ContainersView>) => {
    if (answer.ok) setView(answer.value);
    setError(answer.ok ? null : answer);
  };
  useEffect(() => void load().then(take), []);
  // The browser has no containers (Chromium), or the list could not be read: no section.
  if (!view || view.containers === null) return error && !error.ok ? <ErrorNote error={error.error} /> : null;
  const { containers, choices } = view;
  const change = (id: string, value: string) => void save(id, choiceOf(value)).then(take);
  return (
    <section class="containers" aria-labelledby="containers-title">
      <h2 id="containers-title">{t('containersTitle')}</h2>
      <p class="hint">{t('containersIntro')}</p>
      {error && !error.ok && <ErrorNote error={error.error} />}
      {containers.length === 0 && <p>{t('containersNone')}</p>}
      <ul>
        {containers.map(({ cookieStoreId, name, colorCode }) => {
          const value = valueOf(choices[cookieStoreId]);
          const id = `container-${cookieStoreId}`;
          const offered = value.startsWith('region:') && regions.some((r) => `region:${r.id}` === value);
          return (
            <li key={cookieStoreId}>
              <span
                class="swatch"
                aria-hidden="true"
                style={{ background: /^#[0-9a-f]{3,8}$/i.test(colorCode) ? colorCode : 'currentColor' }}
              />
              <label for={id}>{name}</label>
              <select id={id} value={value} onChange={(e) => change(cookieStoreId, e.currentTarget.value)}>
                <option value="">{t('containerFollow')}</option>
                {value.startsWith('region:') && !offered && <option value={value}>{value.slice(7)}</option>}
                {regions.map((r) => (
                  <option key={r.id} value={`region:${r.id}`}>
                    {`${flagOf(r.country)} ${r.name}`.trim()}
                  </option>
                ))}
                <option value="direct">{t('containerDirect')}</option>
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
