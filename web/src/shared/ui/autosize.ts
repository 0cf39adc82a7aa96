// Grow a textarea with its content up to a maximum height.

import { useLayoutEffect, type Ref } from 'preact/hooks';

export function useAutosize(ref: Ref<HTMLTextAreaElement>, value: string, maxPx = 160): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, maxPx)}px`;
    el.style.overflowY = el.scrollHeight > maxPx ? 'auto' : 'hidden';
  }, [ref, value, maxPx]);
}
