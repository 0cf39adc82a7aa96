// A minimal observable state container plus a Preact hook to read it.

import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;

export class Store<T extends object> {
  private state: T;
  private readonly listeners = new Set<Listener>();

  constructor(initial: T) {
    this.state = initial;
  }

  get(): T {
    return this.state;
  }

  /** Shallow-merge a patch (or the result of an updater) into the state and notify. */
  update(patch: Partial<T> | ((s: T) => Partial<T>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of [...this.listeners]) l();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Re-render the calling component whenever the store changes. */
export function useStore<T extends object>(store: Store<T>): T {
  const state = store.get();
  const [, force] = useState(0);
  useEffect(() => {
    const rerender = () => force((n) => n + 1);
    const unsubscribe = store.subscribe(rerender);
    // The store may have changed between render and subscription.
    if (store.get() !== state) rerender();
    return unsubscribe;
  }, [store]);
  return state;
}
