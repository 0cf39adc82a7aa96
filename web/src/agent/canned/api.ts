// REST calls that change canned replies and their categories (docs/protocol.md, "Canned
// replies"). Reading the lists is the workspace controller's job (it keeps them in its state).

import { request, RawBody, type CannedCategory, type CannedReply } from '../api';
import { IMPORT_CONTENT_TYPES, mutate, query, type ImportFormat } from '../kb/api';

export type CannedScope = CannedReply['scope'];

/** What the editor sends. */
export interface CannedReplyInput {
  code: string;
  title: string;
  text: string;
  category_id: string | null;
}

/** The answer of an import: counts and the rows left out, by line. */
export interface CannedImportReport {
  rows: number;
  accepted: number;
  created: number;
  updated: number;
  rejected: number;
  categories_created: string[];
  errors: { line: number; reason: string }[];
}

const seg = encodeURIComponent;

export const cannedApi = {
  async list(scope?: CannedScope): Promise<CannedReply[]> {
    const data = await request<{ canned_replies?: CannedReply[] }>('GET', `/api/canned-replies${query({ scope })}`);
    return data.canned_replies ?? [];
  },

  async create(reply: CannedReplyInput, scope: CannedScope): Promise<CannedReply> {
    return (await mutate<{ canned_reply: CannedReply }>('POST', '/api/canned-replies', { ...reply, scope })).canned_reply;
  },

  async update(id: string, reply: CannedReplyInput): Promise<CannedReply> {
    return (await mutate<{ canned_reply: CannedReply }>('PUT', `/api/canned-replies/${seg(id)}`, reply)).canned_reply;
  },

  async remove(id: string): Promise<void> {
    await mutate<unknown>('DELETE', `/api/canned-replies/${seg(id)}`);
  },

  async createCategory(name: string): Promise<CannedCategory> {
    return (await mutate<{ category: CannedCategory }>('POST', '/api/canned-categories', { name })).category;
  },

  async renameCategory(id: string, name: string): Promise<CannedCategory> {
    return (await mutate<{ category: CannedCategory }>('PATCH', `/api/canned-categories/${seg(id)}`, { name })).category;
  },

  async removeCategory(id: string): Promise<void> {
    await mutate<unknown>('DELETE', `/api/canned-categories/${seg(id)}`);
  },

  async importFile(file: Blob, format: ImportFormat, scope: CannedScope): Promise<CannedImportReport> {
    const body = new RawBody(file, IMPORT_CONTENT_TYPES[format]);
    return mutate<CannedImportReport>('POST', `/api/canned-replies/import${query({ format, scope })}`, body);
  },

  exportUrl(format: ImportFormat, scope: CannedScope): string {
    return `/api/canned-replies/export${query({ format, scope })}`;
  },
};
