/*
 * A partner's front-end as its developers would write it: typed operations from GraphQL Code
 * Generator (gql/, made from the committed SDL and operations.graphql), sent by their registered
 * id, so the same client runs against a production server that trusts only its manifest.
 *
 *   npx tsx examples/partner-client/partner-client.ts http://127.0.0.1:4000 <token>
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { PartnerFamiliesDocument, PlanAsPartnerDocument, type PartnerFamiliesQuery, type PlanAsPartnerQuery } from "./gql/graphql.js";

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends a typed operation by its id (trusted documents); `sendText` adds its text, for a server without a manifest. */
export async function request<Result, Variables>(
  endpoint: string,
  token: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  options: { sendText?: boolean } = {},
): Promise<GraphQLAnswer<Result>> {
  const documentId = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  const body = options.sendText || !documentId ? { query: print(document), variables } : { documentId, variables };
  const response = await fetch(`${endpoint}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as GraphQLAnswer<Result>;
  if (!response.ok && !answer.errors) throw new Error(`HTTP ${response.status}`);
  return answer;
}

export type Family = PartnerFamiliesQuery["families"]["nodes"][number];

/** Every family the caller may know of, a page at a time, following the cursors to the end. */
export async function allFamilies(endpoint: string, token: string, pageSize = 20): Promise<{ families: Family[]; pages: number }> {
  const families: Family[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const answer: GraphQLAnswer<PartnerFamiliesQuery> = await request(endpoint, token, PartnerFamiliesDocument, { first: pageSize, after });
    if (!answer.data) throw new Error(`families: ${answer.errors?.map((error) => error.message).join("; ")}`);
    families.push(...answer.data.families.nodes);
    const { hasNextPage, endCursor } = answer.data.families.pageInfo;
    if (!hasNextPage || !endCursor) return { families, pages };
    after = endCursor;
  }
}

export interface PlanView {
  version: number | null;
  /** Goals the covenant opens to the caller, with their domain and words. */
  open: { id: string; lifeDomain: string; ownWords: string }[];
  /** Goals the caller knows of but may not read: their content is null, and one refusal says why. */
  closed: number;
  refusals: { rule?: unknown; required?: unknown; yours?: unknown; count: number }[];
}

/** What the caller may see of one family's plan: open goals, the number of closed ones, and why. */
export async function planView(endpoint: string, token: string, familyId: string): Promise<PlanView | null> {
  const answer: GraphQLAnswer<PlanAsPartnerQuery> = await request(endpoint, token, PlanAsPartnerDocument, { familyId });
  const plan = answer.data?.family?.plan;
  if (!plan) return null;
  const goals = plan.goals ?? [];
  return {
    version: plan.version ?? null,
    open: goals.flatMap((goal) => (goal.content && goal.id ? [{ id: goal.id, lifeDomain: goal.content.lifeDomain, ownWords: goal.content.ownWords }] : [])),
    closed: goals.filter((goal) => !goal.content).length,
    refusals: (answer.errors ?? [])
      .filter((error) => error.extensions?.code === "FORBIDDEN")
      .map(({ extensions }) => ({ rule: extensions?.rule, required: extensions?.required, yours: extensions?.yours, count: Number(extensions?.count ?? 1) })),
  };
}

async function main(endpoint: string, token: string): Promise<void> {
  const { families, pages } = await allFamilies(endpoint, token);
  console.log(`${families.length} families in ${pages} page(s)`);
  for (const family of families) console.log(`- ${family.name ?? "(name not shown)"}: ${family.myAccess.level}`);
  const withPlan = families.find((family) => family.myAccess.level !== "DAT");
  if (!withPlan) return;
  const view = await planView(endpoint, token, withPlan.id);
  console.log(view ? `plan of ${withPlan.name}: ${view.open.length} goal(s) open, ${view.closed} closed` : `no plan for ${withPlan.name}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!)) {
  const [endpoint, token] = process.argv.slice(2);
  if (!endpoint || !token) {
    console.error("usage: partner-client.ts <endpoint> <token>");
    process.exit(2);
  }
  main(endpoint, token).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
