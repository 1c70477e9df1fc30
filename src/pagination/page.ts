import { badInput } from "../errors.js";
import { decodeCursor, encodeCursor, type CursorScope } from "./cursor.js";

/** A page when the client names no size, and the most one request may ask for. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** What every paged query takes. */
export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/** `first` checked: BAD_USER_INPUT naming it outside 1..MAX_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput("first", `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** A paged request, read: its size and the seek key after which it starts (null: the start). */
export interface PageRequest {
  scope: CursorScope;
  size: number;
  after: string[] | null;
}

export function readPage(scope: CursorScope, args: PageArgs, keyLength: number): PageRequest {
  const size = pageSize(args.first);
  const after = args.after === null || args.after === undefined ? null : decodeCursor(scope, args.after, keyLength);
  return { scope, size, after };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * A page from up to size + 1 items in the list's order (the extra one only tells that there is
 * a next page); `keyOf` gives an item's unique seek key.
 */
export function toPage<T>(request: PageRequest, items: readonly T[], keyOf: (item: T) => string[]): Page<T> {
  const nodes = items.slice(0, request.size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(request.scope, keyOf(node)), node }));
  return { edges, nodes, pageInfo: { hasNextPage: items.length > request.size, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The same page with each node mapped (cursors unchanged). */
export function mapPage<T, U>(page: Page<T>, map: (node: T) => U): Page<U> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo };
}
