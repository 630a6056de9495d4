import { useState } from 'preact/hooks';
import type { Answer } from '../shared/messages';
import type { SeenAddress } from '../shared/provider-types';
import { t } from '../ui/i18n';
import { nameOf } from '../ui/intl';

/**
 * "What do sites see?": on the user's click only (never by itself), the address and country the
 * provider's connection check saw the request come from, through the proxy. Kept until the popup
 * closes or the region changes (the parent keys it by region).
 */
export function SitesSee({ check }: { check: () => Promise<Answer<SeenAddress>> }) {
  const [line, setLine] = useState('');
  if (line)
    return (
      <p class="hint-line" role="status">
        {line}
      </p>
    );
  const ask = async () => {
    const answer = await check();
    if (!answer.ok) return setLine(t('sitesSeeFailed'));
    const { ip, country } = answer.value;
    setLine(t('sitesSee', country ? `${ip} · ${nameOf('region', country)}` : ip));
  };
  return (
    <button type="button" class="link" onClick={ask}>
      {t('whatSitesSee')}
    </button>
  );
}
