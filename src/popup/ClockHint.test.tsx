// @vitest-environment happy-dom
import '../../test/fixtures/locale';
import { describe, expect, it } from 'vitest';
import { mount } from '../../test/fixtures/render';
import { REGION_VIEWS as REGIONS } from '../../test/support/regions';
import { ClockHint } from './ClockHint';

const japan = REGIONS.find((r) => r.country === 'JP')!;
const germany = REGIONS.find((r) => r.country === 'DE')!;

describe('popup: what the clock or language gives away', () => {
  it('says in one line what the clock gives away, and why nothing is faked on demand', async () => {
    const root = await mount(<ClockHint giveaway={{ kind: 'clock', zone: 'Europe/Berlin' }} region={japan} />);
    expect(root.querySelector('summary')!.textContent).toBe(
      `Sites can see your clock says Europe/Berlin while you appear in ${japan.name}.`,
    );
    expect(root.querySelector('details p')!.textContent).toContain('does not fake them');
  });

  it("names the browser's language in the UI's language", async () => {
    const root = await mount(<ClockHint giveaway={{ kind: 'language', language: 'ja' }} region={germany} />);
    expect(root.querySelector('summary')!.textContent).toBe(
      `Sites can see your browser's language is Japanese while you appear in ${germany.name}.`,
    );
  });
});
