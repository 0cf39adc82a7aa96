// Grow a textarea with its content up to a maximum height.

import { useLayoutEffect } from 'preact/hooks';
import type { RefObject } from 'preact';

export function useAutosize(ref: RefObject<HTMLTextAreaElement | null>, value: string, maxPx = 160): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, maxPx)}px`;
    el.style.overflowY = el.scrollHeight > maxPx ? 'auto' : 'hidden';
  }, [ref, value, maxPx]);
}
