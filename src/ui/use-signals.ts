/**
 * The pages' bridge from the models' signals to preact, in place of @preact/signals' render hooks:
 * those cost about 1.1 KB gzip of the popup's 15 KB budget for text and prop bindings no page uses.
 * `read` runs in an effect; a change to any signal it read renders the component again, once per
 * batch of changes, through preact's own render queue. Each page reads its models in its root
 * component (src/popup/Popup.tsx, src/options/Options.tsx) and hands plain values down as props.
 */
import { effect } from '@preact/signals-core';
import { useEffect, useRef, useState } from 'preact/hooks';

export function useSignals<T>(read: () => T): T {
  const latest = useRef(read);
  latest.current = read;
  const [, redraw] = useState(0);
  const [stop] = useState(() => {
    let subscribed = false;
    return effect(() => {
      latest.current();
      if (subscribed) redraw((n) => n + 1);
      subscribed = true;
    });
  });
  useEffect(() => stop, [stop]);
  return read();
}
