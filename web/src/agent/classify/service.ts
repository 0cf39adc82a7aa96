// The workspace's view of the inquiry classification: the tenant's settings and tree (for the
// close dialog) and, per conversation in the agent's list, the repeat-contact alert. The alert
// is asked for as soon as a conversation appears in the list (assigned or transferred to this
// agent, or listed again after a reconnect), once per conversation.

import { Store } from '../../shared/store';
import type { WorkspaceController } from '../controller';
import { classifyApi, type ClassificationNode, type ClassificationSettings, type RepeatContact } from './api';

const RETRY_MS = 10_000;

export interface ClassifyState {
  settings: ClassificationSettings | null;
  tree: readonly ClassificationNode[] | null;
  /** Per conversation: the earlier one it repeats, null when none; absent while unknown. */
  repeats: Readonly<Record<string, RepeatContact | null>>;
  /** Closed conversations classified afterwards in this session, with the chosen path. */
  classified: Readonly<Record<string, string[]>>;
}

export class ClassifyService {
  readonly store = new Store<ClassifyState>({ settings: null, tree: null, repeats: {}, classified: {} });
  private readonly controller: WorkspaceController;
  private readonly asked = new Set<string>();
  /** When asking failed, per conversation: asked again after RETRY_MS. */
  private readonly failedAt = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(controller: WorkspaceController) {
    this.controller = controller;
    this.unsubscribe = controller.store.subscribe(() => this.watch());
    this.watch();
    void this.refresh();
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Reloads the settings and the tree (the close dialog does, so that it is never stale). */
  async refresh(): Promise<void> {
    try {
      const [settings, tree] = await Promise.all([classifyApi.settings(), classifyApi.tree()]);
      this.store.update({ settings, tree });
    } catch {
      // Keep what we had; the close dialog shows its own error when it cannot load.
    }
  }

  required(): boolean {
    return this.store.get().settings?.required ?? false;
  }

  markClassified(conversation: string, path: string[]): void {
    this.store.update((s) => ({ classified: { ...s.classified, [conversation]: path } }));
  }

  private watch(): void {
    for (const item of this.controller.store.get().items) {
      const id = item.conv.id;
      if (this.asked.has(id) || item.conv.state === 'closed') continue;
      if (Date.now() - (this.failedAt.get(id) ?? 0) < RETRY_MS) continue;
      this.asked.add(id);
      void this.loadRepeat(id);
    }
  }

  private async loadRepeat(id: string): Promise<void> {
    try {
      const repeat = await classifyApi.repeat(id);
      this.store.update((s) => ({ repeats: { ...s.repeats, [id]: repeat } }));
    } catch {
      this.failedAt.set(id, Date.now());
      this.asked.delete(id); // asked again at a change of the list after RETRY_MS
    }
  }
}
