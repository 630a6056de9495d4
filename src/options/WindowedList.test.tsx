// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '../../test/fixtures/render';
import { ROW_HEIGHT, WindowedList } from './WindowedList';

/** happy-dom lays nothing out: the view's height and its resize notices are played here. */
let viewHeight = 0;
const observers: (() => void)[] = [];
vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
  return this.classList.contains('entries-view') ? viewHeight : 0;
});
vi.stubGlobal(
  'ResizeObserver',
  class {
    constructor(private notify: () => void) {}
    observe() {
      observers.push(this.notify);
    }
    disconnect() {
      observers.splice(observers.indexOf(this.notify), 1);
    }
  },
);

afterEach(() => void (observers.length = 0));

const rows = (n: number) => Array.from({ length: n }, (_, i) => `site${i}.test`);
const list = (items: string[]) => (
  <WindowedList items={items} itemKey={(s) => s} row={(s) => <span>{s}</span>} labelledBy="t" />
);

describe('WindowedList', () => {
  it('follows the view when it grows after the first layout (one entry first, many added later)', async () => {
    viewHeight = ROW_HEIGHT; // laid out holding its first row
    const root = await mount(list(rows(1)));
    const many = rows(100);
    viewHeight = 480; // the list grew to its full view
    await act(() => {
      render(list(many), root);
      for (const notify of observers) notify();
    });
    // Every row in view (480 / 36 = 13.3) is in the DOM, not just the first window's worth.
    const shown = [...root.querySelectorAll('li')].map((li) => li.textContent);
    expect(shown).toContain('site13.test');
    expect(shown).toContain(`site${13 + 10}.test`);
  });
});
