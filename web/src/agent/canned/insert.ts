// What the variables of canned replies stand for in the workspace (see variables.ts): the open
// conversation's customer and queue, the signed-in agent and the tenant.

import type { ConversationItem, WorkspaceState } from '../controller';
import type { VariableValues } from './variables';

export function workspaceValues(state: WorkspaceState, item: ConversationItem | null): VariableValues {
  const values: VariableValues = {};
  if (item) {
    values.customer_name = item.conv.visitor.name;
    values.queue = item.conv.queue.name;
  }
  if (state.user) values.agent_name = state.user.name;
  if (state.tenant) values.company = state.tenant.name;
  return values;
}
