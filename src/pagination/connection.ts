import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";

@ObjectType({ description: "Where a page ends, and whether another follows." })
export class PageInfo {
  @Field(() => Boolean, { description: "Another page follows: ask again with after: endCursor." })
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "The last edge's cursor; null for an empty page." })
  endCursor!: string | null;
}

/**
 * A connection type per node type (`<Name>Connection`, `<Name>Edge`). Cursors are opaque and
 * bound to the caller, region and list; only the caller who got one can use it.
 */
export function connectionOf<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String, { description: "Pass as after to continue after this item." })
    cursor!: string;
    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, in a stable order.` })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];
    @Field(() => [nodeType], { description: "The edges' nodes, for a client that needs no cursors." })
    nodes!: T[];
    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

/** The shield rules of a connection's own fields: the list's root field decided who may ask. */
export const connectionRules = <Rule>(name: string, rule: Rule) => ({
  [`${name}Connection`]: { edges: rule, nodes: rule, pageInfo: rule },
  [`${name}Edge`]: { cursor: rule, node: rule },
});

/** `first` and `after` for a resolver: `@Args(() => PageArgsInput) page` (checked by readPage). */
@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, description: "Page size: 50 unless given, at most 100." })
  first?: number | null;
  @Field(() => String, { nullable: true, description: "The endCursor of the page before." })
  after?: string | null;
}
