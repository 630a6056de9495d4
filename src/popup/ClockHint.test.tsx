// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { mount } from '../../test/fixtures/render';
import { REGION_VIEWS as REGIONS } from '../../test/support/regions';
import { ClockHint } from './ClockHint';

const japan = REGIONS.find((r) => r.country === 'JP')!;
const germany = REGIONS.find((r) => r.country === 'DE')!;

describe('popup: the clock hint', () => {
  it('says in one line what the clock gives away, and why nothing is faked on demand', async () => {
    const root = await mount(<ClockHint region={japan} zone="Europe/Berlin" offset={60} />);
    expect(root.querySelector('summary')!.textContent).toBe(
      `Sites can see your clock says Europe/Berlin while you appear in ${japan.name}.`,
    );
    expect(root.querySelector('details p')!.textContent).toContain('does not fake it');
  });

  it('says nothing when the clock fits the region', async () => {
    const root = await mount(<ClockHint region={germany} zone="Europe/Paris" offset={120} />);
    expect(root.textContent).toBe('');
  });
});
