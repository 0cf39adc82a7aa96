// The bot settings form's rows of handoff routes and their conversion to and from the API's
// routes (BotSettings.handoff_routes).

import type { HandoffRoute } from './api';

/** As many routes as the server accepts. */
export const MAX_HANDOFF_ROUTES = 200;

/** One row of the editor; '' is a select not chosen yet. `key` keeps the row's identity. */
export interface RouteRow {
  key: number;
  category: string;
  queue: string;
}

let nextKey = 1;

export function newRouteRow(category = '', queue = ''): RouteRow {
  return { key: nextKey++, category, queue };
}

/** The rows for saved routes (none from an older server). */
export function routeRowsOf(routes: HandoffRoute[] | undefined): RouteRow[] {
  return (routes ?? []).map((r) => newRouteRow(r.category, r.queue));
}

/** Whether a row has one select chosen but not the other: it can be neither sent nor dropped. */
export function isIncomplete(row: RouteRow): boolean {
  return (row.category === '') !== (row.queue === '');
}

/** The routes to send: the rows with both selects chosen (an untouched blank row is dropped). */
export function routesOf(rows: RouteRow[]): HandoffRoute[] {
  return rows.filter((r) => r.category !== '' && r.queue !== '').map(({ category, queue }) => ({ category, queue }));
}
