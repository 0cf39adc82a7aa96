// REST calls of the inquiry classification (docs/protocol.md, "Inquiry classification"): the
// tenant's tree and settings, a conversation's classification after its close, and the
// repeat-contact alert. State-changing calls go through the knowledge base's `mutate`, which adds
// (and refreshes) the CSRF token.

import { request } from '../api';
import { mutate } from '../kb/api';

export interface ClassificationNode {
  id: string;
  /** The parent's id; null for a top-level node. */
  parent: string | null;
  name: string;
  order: number;
  enabled: boolean;
}

export interface ClassificationSettings {
  /** An agent's close must carry a classification. */
  required: boolean;
  /** A customer back within this many hours is a repeat contact. */
  repeat_window_hours: number;
}

export interface ClassificationChoice {
  id: string | null;
  /** Names from the top-level node down. */
  path: string[];
  summary: string;
}

/** The earlier conversation a repeat contact follows. */
export interface RepeatContact {
  conversation: string;
  closed_at: number;
  classification: { id: string; path: string[] } | null;
  summary: string;
}

const seg = encodeURIComponent;

export const classifyApi = {
  async tree(): Promise<ClassificationNode[]> {
    const data = await request<{ nodes?: ClassificationNode[] }>('GET', '/api/classification/tree');
    return data.nodes ?? [];
  },

  async saveTree(nodes: ClassificationNode[]): Promise<ClassificationNode[]> {
    const data = await mutate<{ nodes?: ClassificationNode[] }>('PUT', '/api/classification/tree', { nodes });
    return data.nodes ?? [];
  },

  async settings(): Promise<ClassificationSettings> {
    const data = await request<{ settings: ClassificationSettings }>('GET', '/api/classification/settings');
    return data.settings;
  },

  async saveSettings(settings: Partial<ClassificationSettings>): Promise<ClassificationSettings> {
    const data = await mutate<{ settings: ClassificationSettings }>('PUT', '/api/classification/settings', settings);
    return data.settings;
  },

  /** Classify a closed conversation afterwards (its last agent, supervisors, administrators). */
  async classify(conversation: string, classification: string | null, summary: string): Promise<ClassificationChoice> {
    const data = await mutate<{ classification: ClassificationChoice }>(
      'PATCH',
      `/api/conversations/${seg(conversation)}/classification`,
      { classification, summary },
    );
    return data.classification;
  },

  async repeat(conversation: string): Promise<RepeatContact | null> {
    const data = await request<{ repeat: RepeatContact | null }>('GET', `/api/conversations/${seg(conversation)}/repeat`);
    return data.repeat ?? null;
  },
};
