// Keep a scrolling transcript pinned to the bottom while the reader is at the bottom.

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';

const NEAR_BOTTOM_PX = 80;

/**
 * `contentKey` changes whenever content is added (e.g. a message count);
 * `resetKey` changes when a different transcript is shown, which starts at the bottom.
 */
export function useStickToBottom(ref: RefObject<HTMLElement | null>, contentKey: unknown, resetKey?: unknown): void {
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [ref]);
  useLayoutEffect(() => {
    pinned.current = true;
  }, [resetKey]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [ref, contentKey, resetKey]);
}
