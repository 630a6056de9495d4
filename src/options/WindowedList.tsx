/**
 * A list that keeps only the rows in view, plus a margin above and below, in the DOM: 10,000
 * entries cost as much to show as 30. The rest of the list is padding of the right height, so the
 * scroll bar is true; each row says its place (aria-posinset of aria-setsize) for screen readers.
 * Tab moves through the rendered rows, the browser scrolls the focused one into view, and the
 * window follows before the margin runs out; the view's height is followed as it changes
 * (ResizeObserver). Rows may grow (a row being edited): the window is then a little off, which the
 * margin covers.
 */
import type { ComponentChild } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Every row's height in px (src/options/options.css sizes `.entries li` from it). */
export const ROW_HEIGHT = 36;
/** Rows rendered beyond each edge of the view. */
const MARGIN = 10;
/** The view's height until it is laid out (the CSS max-height of `.entries-view`). */
const FIRST_VIEW_HEIGHT = 480;

interface Props<T> {
  items: readonly T[];
  itemKey(item: T): string;
  row(item: T): ComponentChild;
  labelledBy: string;
}

export function WindowedList<T>({ items, itemKey, row, labelledBy }: Props<T>) {
  const view = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FIRST_VIEW_HEIGHT);
  // The view is measured whenever it changes size, not only at its first layout: it is often laid
  // out holding one row (the first entry added) and grows as entries come, or before the page has
  // its final layout; a height measured once left the rows below the first window blank.
  useLayoutEffect(() => {
    const element = view.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight) setHeight(element.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - MARGIN);
  const end = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + MARGIN);
  return (
    <div class="entries-view" ref={view} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul
        class="entries"
        aria-labelledby={labelledBy}
        style={{
          '--row-height': `${ROW_HEIGHT}px`,
          paddingTop: `${first * ROW_HEIGHT}px`,
          paddingBottom: `${(items.length - end) * ROW_HEIGHT}px`,
        }}
      >
        {items.slice(first, end).map((item, i) => (
          <li key={itemKey(item)} aria-setsize={items.length} aria-posinset={first + i + 1}>
            {row(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
