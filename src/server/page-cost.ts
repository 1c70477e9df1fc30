import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type ASTVisitor,
  type ArgumentNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/page.js";

/**
 * A connection's fields count once per item it may return: `first` as written, the default page
 * size when it is left out, and the maximum when it is a variable (validation runs before the
 * variables are known). Every other field counts once. So `families(first: 100) { nodes { ... } }`
 * costs a hundred families' fields, and pages inside pages multiply (docs/decisions/0016).
 */
export function pageCostRule(maxCost: number) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: ReadonlySet<string>): number => {
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = context.getFragment(selection.name.value);
          if (!fragment || seen.has(fragment.name.value)) continue;
          const on = schema.getType(fragment.typeCondition.name.value);
          cost += costOf(fragment.selectionSet, on, new Set([...seen, fragment.name.value]));
          continue;
        }
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          cost += costOf(selection.selectionSet, on, seen);
          continue;
        }
        if (selection.name.value.startsWith("__")) continue;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const type = field ? getNamedType(field.type) : undefined;
        const children = selection.selectionSet ? costOf(selection.selectionSet, type, seen) : 0;
        const paged = type?.name.endsWith("Connection") ?? false;
        cost += 1 + (paged ? pageSizeOf(selection.arguments ?? []) : 1) * children;
      }
      return cost;
    };
    return {
      OperationDefinition(operation) {
        const root =
          operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
        const cost = costOf(operation.selectionSet, root ?? undefined, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(
              `Query cost ${cost} exceeds the maximum of ${maxCost}: a page's fields count once per item (first); ask for smaller pages or fewer fields.`,
            ),
          );
        }
      },
    };
  };
}

/** The most items a connection field may return, as far as validation can tell. */
function pageSizeOf(args: readonly ArgumentNode[]): number {
  const first = args.find((argument) => argument.name.value === "first");
  if (!first || first.value.kind === Kind.NULL) return DEFAULT_PAGE_SIZE;
  if (first.value.kind === Kind.INT) return Math.max(1, Math.min(MAX_PAGE_SIZE, Number(first.value.value)));
  return MAX_PAGE_SIZE;
}
