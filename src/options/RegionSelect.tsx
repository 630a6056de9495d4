import type { RegionView } from '../shared/view-state';
import { flagOf } from '../ui/flag';
import { t } from '../ui/i18n';

interface Props {
  regions: RegionView[];
  mode: 'exclude' | 'include';
  value: string;
  onChange(regionId: string): void;
}

/** The region an entry goes through; empty: the list's mode decides. Labelled by its caller. */
export function RegionSelect({ regions, mode, value, onChange }: Props) {
  const unknown = value && !regions.some((r) => r.id === value);
  return (
    <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{mode === 'exclude' ? t('regionNone') : t('regionDefault')}</option>
      {unknown && <option value={value}>{value}</option>}
      {regions.map((r) => (
        <option key={r.id} value={r.id}>
          {`${flagOf(r.country)} ${r.name}`.trim()}
        </option>
      ))}
    </select>
  );
}
