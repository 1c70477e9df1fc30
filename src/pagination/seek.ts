import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { encodeCursor } from "./cursor.js";
import type { Page, PageRequest } from "./page.js";

/**
 * Keyset ("seek") paging in SQL for a list ordered by columns whose values together are unique
 * (end with an id). The key travels as each column's own text (`::text`) and is cast back to the
 * column's type, so a timestamp keeps its microseconds and nothing is rounded on the way.
 */
export interface SeekColumn {
  column: PgColumn;
  descending?: boolean;
}

const cast = (value: string, column: PgColumn): SQL => sql`cast(${value} as ${sql.raw(column.getSQLType())})`;

/** The rows after `after` in the order: (a > k0) or (a = k0 and b > k1) …, per direction. */
export function seekAfter(order: readonly SeekColumn[], after: readonly string[] | null): SQL | undefined {
  if (!after) return undefined;
  const [first, ...rest] = order;
  if (!first) return undefined;
  const value = after[0]!;
  const beyond = sql`${first.column} ${sql.raw(first.descending ? "<" : ">")} ${cast(value, first.column)}`;
  if (rest.length === 0) return beyond;
  return sql`(${beyond} or (${first.column} = ${cast(value, first.column)} and ${seekAfter(rest, after.slice(1))}))`;
}

/** ORDER BY for the same columns. */
export const seekOrder = (order: readonly SeekColumn[]): SQL[] =>
  order.map(({ column, descending }) => (descending ? sql`${column} desc` : sql`${column} asc`));

/** A select field holding a row's key (JSON of the columns' text); read it with `keyOf`. */
export const seekKey = (order: readonly SeekColumn[]): SQL<string> =>
  sql<string>`json_build_array(${sql.join(
    order.map(({ column }) => sql`${column}::text`),
    sql`, `,
  )})::text`;

export const keyOf = (row: { seekKey: string }): string[] => JSON.parse(row.seekKey) as string[];

/** Rows read per round while filling a page of rows that are decided outside SQL. */
export const SEEK_BATCH = 200;

/**
 * A page of a list the covenant (or another rule outside SQL) filters row by row: rows are read
 * from the seek key in batches (`read(after, limit)`, in the list's order, each carrying its
 * `seekKey`), `admit` turns each into its item or null (not for this caller), until the page plus
 * one is full. The cursor is the key of the last admitted row.
 */
export async function fillPage<Row extends { seekKey: string }, Item>(
  page: PageRequest,
  read: (after: string[] | null, limit: number) => Promise<Row[]>,
  admit: (rows: Row[]) => Promise<(Item | null)[]> | (Item | null)[],
): Promise<Page<Item>> {
  const found: { item: Item; key: string[] }[] = [];
  let after = page.after;
  for (;;) {
    const rows = await read(after, SEEK_BATCH);
    const items = await admit(rows);
    rows.forEach((row, index) => {
      const item = items[index];
      if (found.length <= page.size && item !== null && item !== undefined) found.push({ item, key: keyOf(row) });
    });
    if (found.length > page.size || rows.length < SEEK_BATCH) break;
    after = keyOf(rows.at(-1)!);
  }
  return pageFrom(page, found);
}

/** A page of a list filtered wholly in SQL: read `page.size + 1` rows after the key, map each. */
export const pageOfRows = <Row extends { seekKey: string }, Item>(page: PageRequest, rows: readonly Row[], map: (row: Row) => Item): Page<Item> =>
  pageFrom(page, rows.map((row) => ({ item: map(row), key: keyOf(row) })));

function pageFrom<Item>(page: PageRequest, found: readonly { item: Item; key: string[] }[]): Page<Item> {
  const edges = found.slice(0, page.size).map(({ item, key }) => ({ cursor: encodeCursor(page.scope, key), node: item }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: found.length > page.size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
