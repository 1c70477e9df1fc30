// npm run bench: measures in one process and one run, and prints ratios (never absolute targets).
//
// 1. The covenant's cost: the family-plan query a partner's front-end and the coach ask, executed
//    in-process with enforcement on (the served schema, every field behind its shield rule) and
//    off (the bare schema, which only this benchmark and the SDL use: the server has no switch),
//    on a small and a large plan. The ratio of the p50 latencies on/off is the covenant's
//    overhead; the SQL statements per query must not grow with the number of goals and tasks.
// 2. Reference index: the lookup's p50 latency through HTTP with a small and a national-size
//    index; an indexed lookup stays flat, so the ratio stays near 1. Also the SQL statements per lookup.
//
//    "on" includes the row-level fences (every request runs as the application's role); their own
//    cost is on against on-past-the-fences, reported as row-level-security-ratio.
//
// The last line is `covenant-overhead-ratio=<large plan, worse caller> row-level-security-ratio=<worse caller> sql-per-plan-query=<n> …`.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { execute, parse, validate, type ExecutionResult, type GraphQLSchema } from "graphql";
import { HeaderMap } from "@apollo/server";
import { signToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import type { RequestContext } from "../src/context.js";
import { consents, covenantRules, covenantSignatories, covenantVersions } from "../src/covenant/tables.js";
import { connectEmbedded, connectServer, type Database } from "../src/db/database.js";
import { families, familyMemberships, persons } from "../src/families/tables.js";
import { partners, professionals, regions } from "../src/organisations/tables.js";
import { analyses, evaluations, goals, lifeDomains, milestones, planRevisions, plans, tasks } from "../src/plan/tables.js";
import { signals } from "../src/reference-index/tables.js";
import { buildBareSchema, buildServedSchema } from "../src/schema.js";
import { startServer } from "../src/server/app.js";
import { queryLimitRules } from "../src/server/limits.js";
import { createLogger } from "../src/server/logger.js";
import { createRequestContext } from "../src/server/request-context.js";
import { inRequestTransaction } from "../src/server/request-transaction.js";
import { writeRequestLog } from "../src/accountability/access-log/flush.js";
import { PLAN_SELECTION } from "./support/plan-selection.js";

const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_SIGNALS ?? 2_000_000);
const ROUNDS = 300;
const BSN = "999990585";

const config = loadConfig({ ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent" });
// A server benchmark needs a database of its own: it fills and empties the signals table.
const database: Database = process.env.BENCH_DATABASE_URL ? connectServer(process.env.BENCH_DATABASE_URL) : await connectEmbedded(null);
await database.migrate();
const { db } = database;
const log = createLogger("silent");

const p50 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

// ---------------------------------------------------------------------------------------------
// 1. The covenant's overhead on the family-plan query.
// ---------------------------------------------------------------------------------------------

const PLAN_SIZES = [
  { size: "small", goals: 20, tasks: 40 },
  { size: "large", goals: 200, tasks: 400 },
] as const;
const PLAN_WARMUP = 15;
const PLAN_ROUNDS = Number(process.env.BENCH_PLAN_ROUNDS ?? 60);
const TARGET_RATIO = 1.2;
const DOMAINS = ["HOUSING", "INCOME", "DEBTS", "HEALTH", "PARENTING", "SCHOOL", "SAFETY", "NETWORK"];
const BEGAN = new Date("2024-01-08T09:00:00Z");

// Every field of the plan's parts, as a partner's front-end and the coach ask for them.
const PLAN_QUERY = `query FamilyPlan($id: ID!) {
  family(id: $id) {
    ${PLAN_SELECTION}
  }
}`;
// What a covenant can hide: a part's content, one object per part; everything else of the query is PROCESS data.
const CONTENT_FIELDS = new Set(["content"]);

/** BSNs that pass the 11-proof, from a counter. */
function bsnNumber(seed: number): string {
  for (let base = seed; ; base++) {
    const digits = String(base % 100_000_000).padStart(8, "0");
    const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
    if (sum % 11 < 10) return `${digits}${sum % 11}`;
  }
}

/**
 * A region under a strict covenant (as Amsterdam's): involved signatories learn DAT; a sector
 * reads the sections of its own life domain, with consent. A coaching organisation (the
 * regisseur), a housing corporation (the partner measured), youth care and debt help.
 */
async function planRegion() {
  const now = new Date();
  const [region] = await db.insert(regions).values({ code: "bench-plan", name: "Bench plan", signalAgeLimitYears: 23 }).returning();
  const regionId = region!.id;
  await db.insert(lifeDomains).values(DOMAINS.map((code, position) => ({ regionId, code, name: code, safetyRelevant: code === "SAFETY", position })));
  const [coaching, housing, youth, debts] = await db
    .insert(partners)
    .values(
      [
        ["Gezinscoaching", "SOCIAL_WORK"],
        ["Woningcorporatie", "HOUSING"],
        ["Jeugdzorg", "YOUTH_CARE"],
        ["Schuldhulp", "DEBT_HELP"],
      ].map(([name, sector]) => ({ regionId, name: name!, sector: sector!, covenantSignatory: true })),
    )
    .returning();
  const professional = async (partnerId: string, name: string, roles: string[]) => {
    const [row] = await db
      .insert(professionals)
      .values({ regionId, partnerId, name, email: `${randomUUID()}@bench.example`, phone: "06-12345678", roles })
      .returning();
    return row!;
  };
  const coach = await professional(coaching!.id, "Coach", ["COACH"]);
  const processLead = await professional(coaching!.id, "Process lead", ["PROCESS_LEAD"]);
  const housingPro = await professional(housing!.id, "Housing professional", ["PARTNER_PROFESSIONAL"]);
  const youthPro = await professional(youth!.id, "Youth care professional", ["PARTNER_PROFESSIONAL"]);
  const debtPro = await professional(debts!.id, "Debt help professional", ["PARTNER_PROFESSIONAL"]);

  const [version] = await db.insert(covenantVersions).values({ regionId, version: 1, title: "Bench covenant", inForceFrom: "2020-01-01", publishedAt: now }).returning();
  await db.insert(covenantSignatories).values([coaching, housing, youth, debts].map((partner) => ({ versionId: version!.id, partnerId: partner!.id })));
  const rule = (position: number, level: string, sector: string | null, lifeDomain: string | null, requiresConsentOrLegalGround: boolean) => ({
    versionId: version!.id,
    position,
    granteeSector: sector,
    level,
    lifeDomain,
    requiresInvolvement: true,
    requiresConsentOrLegalGround,
    description: `${sector ?? "every signatory"}: ${level} ${lifeDomain ?? ""}`,
  });
  await db.insert(covenantRules).values([
    rule(0, "DAT", null, null, false),
    rule(1, "SECTION", "HOUSING", "HOUSING", true),
    rule(2, "SECTION", "YOUTH_CARE", "PARENTING", true),
    rule(3, "SECTION", "YOUTH_CARE", "SAFETY", true),
    rule(4, "SECTION", "DEBT_HELP", "DEBTS", true),
  ]);
  return { regionId, coaching: coaching!, housing: housing!, youth: youth!, debts: debts!, coach, processLead, housingPro, youthPro, debtPro };
}
type PlanRegion = Awaited<ReturnType<typeof planRegion>>;

/**
 * A family of four with a plan of `goalCount` goals and `taskCount` tasks (and analyses,
 * milestones, evaluations with a result per goal, a revision per change), written directly.
 * The housing corporation is involved (a signal on a member) and has consent for HOUSING of
 * three of the four members: it reads some sections, not others.
 */
async function planFamily(world: PlanRegion, name: string, goalCount: number, taskCount: number, seed: number) {
  const now = new Date();
  const { regionId } = world;
  const people = await db
    .insert(persons)
    .values(
      [
        ["Anna", "1985-03-02"],
        ["Bas", "1983-07-19"],
        ["Cas", "2011-05-09"],
        ["Dido", "2014-10-30"],
      ].map(([givenName, birthDate], n) => ({ regionId, bsn: bsnNumber(seed + n * 7), givenName: givenName!, familyName: name, birthDate: birthDate! })),
    )
    .returning();
  const members = people.map((person) => person.id);
  const [family] = await db
    .insert(families)
    .values({ regionId, name, regisseurId: world.coach.id, processLeadId: world.processLead.id, registeredBy: world.processLead.id, registeredAt: BEGAN })
    .returning();
  const familyId = family!.id;
  await db.insert(familyMemberships).values(
    people.map((person, n) => ({ regionId, familyId, personId: person.id, relation: n < 2 ? "PARENT" : "CHILD", legalCustody: n < 2, validFrom: "2015-01-01" })),
  );
  await db.insert(signals).values({
    regionId,
    bsn: people[0]!.bsn,
    birthDate: people[0]!.birthDate,
    partnerId: world.housing.id,
    professionalId: world.housingPro.id,
    signalledOn: "2024-01-02",
    activeUntil: "2099-01-01",
    discussedWithFamily: true,
    createdAt: BEGAN,
  });
  await db.insert(consents).values(
    members.slice(0, 3).map((personId) => ({
      regionId,
      familyId,
      personId,
      partnerId: world.housing.id,
      lifeDomains: ["HOUSING"],
      givenBy: [members[0]!],
      givenOn: "2024-01-05",
      recordedBy: world.coach.id,
    })),
  );

  const [plan] = await db
    .insert(plans)
    .values({ regionId, familyId, version: 0, referringPartnerId: world.youth.id, startedOn: "2024-01-08", startedBy: world.coach.id, updatedAt: now })
    .returning();
  const base = { regionId, familyId, planId: plan!.id };
  const memberSets = [[], [members[0]!], [members[1]!, members[2]!], [members[3]!], [members[0]!, members[3]!]];
  const at = (minutes: number) => new Date(BEGAN.getTime() + minutes * 60_000);
  const day = (offsetDays: number) => new Date(Date.UTC(2024, 0, 8) + offsetDays * 86_400_000).toISOString().slice(0, 10);

  const analysisRows = await db
    .insert(analyses)
    .values(
      Array.from({ length: goalCount / 2 }, (_, n) => ({
        ...base,
        lifeDomain: DOMAINS[n % DOMAINS.length]!,
        personId: n % 3 === 0 ? null : members[n % members.length]!,
        text: `Analysis ${n}: what is going on in ${DOMAINS[n % DOMAINS.length]}, in some detail, as the coach wrote it down after the home visit.`,
        updatedAt: at(n),
      })),
    )
    .returning();
  const goalStatuses = ["OPEN", "IN_PROGRESS", "ACHIEVED", "NOT_ACHIEVED"];
  const goalRows = await db
    .insert(goals)
    .values(
      Array.from({ length: goalCount }, (_, n) => ({
        ...base,
        lifeDomain: DOMAINS[n % DOMAINS.length]!,
        memberIds: memberSets[n % memberSets.length]!,
        ownWords: `Goal ${n} in the family's own words: we want things to be calm again at home.`,
        target: `Goal ${n}: a measurable target, reached within six months.`,
        status: goalStatuses[n % goalStatuses.length]!,
        achievement: n % 3 === 0 ? null : (n * 7) % 101,
        createdAt: at(1000 + n),
        updatedAt: at(1000 + n),
      })),
    )
    .returning();
  const leads = [
    [world.housing.id, world.housingPro.id],
    [world.youth.id, world.youthPro.id],
    [world.debts.id, world.debtPro.id],
    [world.coaching.id, world.coach.id],
  ] as const;
  const taskStatuses = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"];
  const responses = ["ACCEPTED", "PENDING", "ACCEPTED", "DECLINED", "ACCEPTED"];
  const taskRows = await db
    .insert(tasks)
    .values(
      Array.from({ length: taskCount }, (_, n) => {
        const goal = goalRows[Math.floor((n * goalCount) / taskCount)]!;
        const [leadPartnerId, leadProfessionalId] = leads[n % leads.length]!;
        const response = responses[n % responses.length]!;
        return {
          ...base,
          goalId: n % 10 === 9 ? null : goal.id,
          lifeDomain: goal.lifeDomain,
          memberIds: goal.memberIds,
          description: `Task ${n}: what the lead partner does for this goal, and with whom.`,
          leadPartnerId,
          leadProfessionalId: n % 6 === 5 ? null : leadProfessionalId,
          // Some are overdue (due in the past, not finished), most are not.
          dueDate: day(n % 3 === 0 ? 30 + n : 36_500 + n),
          followUp: n % 2 === 0 ? "Feedback in the family meeting." : null,
          status: taskStatuses[n % taskStatuses.length]!,
          response,
          responseReason: response === "DECLINED" ? "Not our remit; try debt help." : null,
          respondedBy: response === "PENDING" ? null : leadProfessionalId,
          respondedAt: response === "PENDING" ? null : at(2000 + n),
          createdAt: at(2000 + n),
          updatedAt: at(2000 + n),
        };
      }),
    )
    .returning();
  const milestoneRows = await db
    .insert(milestones)
    .values(
      Array.from({ length: goalCount / 2 }, (_, n) => ({
        ...base,
        title: `Milestone ${n}`,
        dueDate: day(14 * (n + 1)),
        reachedOn: n % 2 === 0 ? day(14 * (n + 1) - 1) : null,
      })),
    )
    .returning();
  const evaluationRows = await db
    .insert(evaluations)
    .values(
      Array.from({ length: 4 }, (_, n) => ({
        ...base,
        heldOn: day(90 * (n + 1)),
        overall: `Evaluation ${n}: steps taken on housing and money; school remains a worry.`,
        results: goalRows.map((goal, g) => ({
          goalId: goal.id,
          result: `Result of goal ${g} at evaluation ${n}.`,
          achievement: (g * 13 + n * 5) % 101,
          lifeDomain: goal.lifeDomain,
          memberIds: goal.memberIds,
        })),
        recordedBy: world.coach.id,
      })),
    )
    .returning();

  // Every part was one change of the plan: its history, as the editing mutations write it.
  const changes: { action: string; partKind: string; row: { id: string } | null }[] = [
    { action: "PLAN_STARTED", partKind: "PLAN", row: null },
    ...analysisRows.map((row) => ({ action: "ANALYSIS_ADDED", partKind: "ANALYSIS", row })),
    ...goalRows.map((row) => ({ action: "GOAL_ADDED", partKind: "GOAL", row })),
    ...taskRows.map((row) => ({ action: "TASK_ADDED", partKind: "TASK", row })),
    ...milestoneRows.map((row) => ({ action: "MILESTONE_ADDED", partKind: "SCHEDULE", row })),
    ...evaluationRows.map((row) => ({ action: "EVALUATION_RECORDED", partKind: "EVALUATION", row })),
  ];
  for (let from = 0; from < changes.length; from += 500) {
    await db.insert(planRevisions).values(
      changes.slice(from, from + 500).map((change, n) => ({
        ...base,
        version: from + n + 1,
        action: change.action,
        partKind: change.partKind,
        itemId: change.row?.id ?? null,
        snapshot: change.row as Record<string, unknown> | null,
        changedBy: world.coach.id,
        changedAt: at(from + n),
      })),
    );
  }
  await db.update(plans).set({ version: changes.length }).where(sql`${plans.id} = ${plan!.id}`);
  return {
    familyId,
    description: `${goalCount} goals, ${taskCount} tasks, ${analysisRows.length} analyses, ${milestoneRows.length} milestones, ${evaluationRows.length} evaluations × ${goalCount} results, ${changes.length} revisions`,
  };
}

/**
 * Runs `work` as the server runs a request (app.ts): in the request's transaction, entered as the
 * caller, with its context. `rowSecurity: false` enters as the owner, past the row-level fences.
 */
async function asRequest<T>(professionalId: string, rowSecurity: boolean, work: (context: RequestContext) => Promise<T>): Promise<T> {
  const requestId = randomUUID();
  let result: T | undefined;
  await inRequestTransaction(db, { professionalId }, { rowSecurity, log }, async (tx, { caller }) => {
    result = await work(createRequestContext({ requestId, caller, db: tx, log: log.child({ requestId, professionalId }), now: () => new Date() }));
    return { status: 200, headers: new HeaderMap(), body: { kind: "complete", string: "" } };
  });
  return result!;
}

const servedSchema = await buildServedSchema();
// Enforcement off exists only here: the bare schema, which the server never serves. Both come
// from type-graphql's buildSchema and run on the one `graphql` instance this script imports
// (graphql 16 has no "exports" map: Node resolves both `import` and `require` to its CJS
// build); a second instance would make `execute` refuse the schema as "from another realm".
const bareSchema = await buildBareSchema();
// Parsed once; each execution builds its own context, as a request does.
const document = parse(PLAN_QUERY);
for (const [variant, schema] of [["on", servedSchema], ["off", bareSchema]] as const) {
  const problems = validate(schema, document);
  if (problems.length > 0) throw new Error(`the plan query is not valid (${variant}): ${problems.map((problem) => problem.message).join("; ")}`);
}
// The server's own limits (depth, aliases, cost) accept the query: it is one a client may send.
const limited = validate(servedSchema, document, queryLimitRules(config));
if (limited.length > 0) throw new Error(`the server's query limits refuse the plan query: ${limited.map((problem) => problem.message).join("; ")}`);

type Variant = "on" | "off";
/** "logged": on, with the request's access-log entry written; "fenceless": on, past the row-level fences. */
type Timed = Variant | "logged" | "fenceless";
const schemaOf: Record<Variant, GraphQLSchema> = { on: servedSchema, off: bareSchema };

/**
 * One request: its transaction and a fresh context (as per request), then the query, in-process.
 * "on" is the covenant in full: shield, guards and the row-level fences; "off" has none of them
 * (the bare schema, entered as the owner). "fenceless" is "on" past the fences: on/fenceless is
 * their own cost. "logged" is "on" plus writing the request's access-log entry, as the server
 * does before it answers: the log's cost is reported beside the covenant's, not mixed into it.
 */
async function planQuery(variant: Timed, professionalId: string, familyId: string): Promise<ExecutionResult> {
  const enforced = variant !== "off";
  return asRequest(professionalId, variant !== "off" && variant !== "fenceless", async (contextValue) => {
    const result = await execute({ schema: schemaOf[enforced ? "on" : "off"], document, contextValue, variableValues: { id: familyId } });
    if (variant === "logged") await writeRequestLog(contextValue);
    return result;
  });
}

async function countedPlanQuery(variant: Variant, professionalId: string, familyId: string) {
  const before = database.statements();
  const result = await planQuery(variant, professionalId, familyId);
  return { result, statements: database.statements() - before };
}

function setPath(target: unknown, path: readonly (string | number)[], value: unknown) {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

function enforcementProblem(message: string): never {
  console.log(`enforcement check FAILED: ${message}`);
  process.exit(1);
}

interface PlanData {
  family: { myAccess: { level: string }; plan: { goals: { content: { ownWords: string } | null }[]; tasks: unknown[] } | null } | null;
}
const dataOf = (result: ExecutionResult) => result.data as unknown as PlanData | null | undefined;

/**
 * That "on" really enforces and "off" really does not: the partner meets FORBIDDEN on content
 * fields only, and its answer is exactly the unenforced one with those fields nulled; the
 * regisseur (FULL) gets the same answer either way. Also the SQL statements per request.
 */
async function checkEnforcement(world: PlanRegion, familyId: string, goalCount: number, taskCount: number) {
  const statements: number[] = [];
  const answers = {} as Record<"partner" | "regisseur", Record<Variant, ExecutionResult>>;
  for (const [caller, professionalId] of [["partner", world.housingPro.id], ["regisseur", world.coach.id]] as const) {
    answers[caller] = {} as Record<Variant, ExecutionResult>;
    for (const variant of ["on", "off"] as const) {
      const { result, statements: count } = await countedPlanQuery(variant, professionalId, familyId);
      answers[caller][variant] = result;
      statements.push(count);
      const plan = dataOf(result)?.family?.plan;
      if (!plan || plan.goals.length !== goalCount || plan.tasks.length !== taskCount) {
        enforcementProblem(`${caller} ${variant}: the plan did not come back whole (${JSON.stringify(result.errors?.slice(0, 3))})`);
      }
      const otherErrors = (result.errors ?? []).filter((error) => error.extensions.code !== "FORBIDDEN");
      if (otherErrors.length > 0) enforcementProblem(`${caller} ${variant}: unexpected errors ${JSON.stringify(otherErrors.slice(0, 3))}`);
    }
  }
  const partnerOn = answers.partner.on;
  const partnerOff = answers.partner.off;
  const forbidden = partnerOn.errors ?? [];
  if (forbidden.length === 0) enforcementProblem("the partner met no FORBIDDEN error with enforcement on: the covenant is not enforced");
  if ((partnerOff.errors ?? []).length > 0 || (answers.regisseur.off.errors ?? []).length > 0) enforcementProblem("errors with enforcement off");
  if ((answers.regisseur.on.errors ?? []).length > 0) enforcementProblem(`the regisseur (FULL) met errors: ${JSON.stringify(answers.regisseur.on.errors?.slice(0, 3))}`);
  const hiddenFields = new Set(forbidden.map((error) => String(error.path?.at(-1))));
  for (const field of hiddenFields) if (!CONTENT_FIELDS.has(field)) enforcementProblem(`the partner was refused a process field: ${field}`);
  // On = off with exactly the refused fields nulled: enforcement hides, and changes nothing else.
  const expected = JSON.parse(JSON.stringify(partnerOff.data)) as unknown;
  for (const error of forbidden) setPath(expected, error.path ?? [], null);
  if (JSON.stringify(expected) !== JSON.stringify(partnerOn.data)) enforcementProblem("the partner's enforced answer differs from the unenforced one beyond the refused fields");
  if (JSON.stringify(answers.regisseur.on.data) !== JSON.stringify(answers.regisseur.off.data)) enforcementProblem("the regisseur's answer differs on and off");
  const partnerLevel = dataOf(partnerOn)?.family?.myAccess.level;
  const regisseurLevel = dataOf(answers.regisseur.on)?.family?.myAccess.level;
  if (partnerLevel !== "SECTION" || regisseurLevel !== "FULL") enforcementProblem(`unexpected levels: partner ${partnerLevel}, regisseur ${regisseurLevel}`);
  const openGoals = dataOf(partnerOn)!.family!.plan!.goals.filter((goal) => goal.content !== null).length;
  if (openGoals === 0 || openGoals === goalCount) enforcementProblem(`the partner sees the words of ${openGoals} of ${goalCount} goals: the covenant should open some, not all`);
  return {
    statements,
    summary:
      `partner (SECTION) on: ${forbidden.length} FORBIDDEN on closed parts' content (${[...hiddenFields].sort().join(", ")}), ` +
      `own words of ${openGoals}/${goalCount} goals open, the rest equal to off; off: 0 errors; ` +
      `regisseur (FULL) on: 0 errors, same answer as off`,
  };
}

/** p50 latency on and off, interleaved (alternating which goes first) after a warm-up. */
async function timePlanQuery(professionalId: string, familyId: string) {
  const times: Record<Timed, number[]> = { on: [], off: [], logged: [], fenceless: [] };
  const once = async (variant: Timed, record: boolean) => {
    const started = performance.now();
    await planQuery(variant, professionalId, familyId);
    if (record) times[variant].push(performance.now() - started);
  };
  for (let round = 0; round < PLAN_WARMUP; round++) {
    await once("on", false);
    await once("off", false);
    await once("logged", false);
    await once("fenceless", false);
  }
  const variants: Timed[] = ["on", "off", "logged", "fenceless"];
  for (let round = 0; round < PLAN_ROUNDS; round++) {
    // Each variant goes first in turn: none gains from the one before it.
    for (let i = 0; i < variants.length; i++) await once(variants[(round + i) % variants.length]!, true);
  }
  return { on: p50(times.on), off: p50(times.off), logged: p50(times.logged), fenceless: p50(times.fenceless) };
}

const world = await planRegion();
const planResults: { size: string; caller: string; on: number; off: number; logged: number; fenceless: number; statements: number }[] = [];
const statementsBySize = new Map<string, number[]>();
const familyBySize = new Map<string, string>();
for (const [index, { size, goals: goalCount, tasks: taskCount }] of PLAN_SIZES.entries()) {
  const { familyId, description } = await planFamily(world, `Bench ${size}`, goalCount, taskCount, 10_000_000 + index * 1000);
  const check = await checkEnforcement(world, familyId, goalCount, taskCount);
  familyBySize.set(size, familyId);
  console.log(`plan ${size}: ${description}`);
  console.log(`enforcement check, ${size} plan: ${check.summary}`);
  statementsBySize.set(size, check.statements);
  const beforeLogged = database.statements();
  await planQuery("logged", world.housingPro.id, familyId);
  console.log(`access-log entry, ${size} plan: ${database.statements() - beforeLogged - check.statements[0]!} more SQL statements per request (the request's entries, in one insert without a lock)`);
  for (const [caller, professionalId] of [["partner", world.housingPro.id], ["regisseur", world.coach.id]] as const) {
    const { on, off, logged, fenceless } = await timePlanQuery(professionalId, familyId);
    const statements = Math.max(...check.statements);
    planResults.push({ size, caller, on, off, logged, fenceless, statements });
    console.log(
      `plan-query size=${size} caller=${caller} on p50=${on.toFixed(2)}ms off p50=${off.toFixed(2)}ms ratio=${(on / off).toFixed(2)} sql=${statements}; ` +
        `past the row-level fences p50=${fenceless.toFixed(2)}ms (fences ratio=${(on / fenceless).toFixed(2)}); ` +
        `with the access-log entry written p50=${logged.toFixed(2)}ms ratio=${(logged / off).toFixed(2)}`,
    );
  }
}
const smallStatements = statementsBySize.get("small")!;
const largeStatements = statementsBySize.get("large")!;
const sqlPerPlanQuery = Math.max(...smallStatements, ...largeStatements);
const sqlFlat = Math.max(...smallStatements) === Math.min(...smallStatements) && smallStatements.join() === largeStatements.join();
console.log(
  sqlFlat
    ? `plan-query SQL statements per request (caller lookup + execution; partner and regisseur, on and off alike): ` +
        `small=${smallStatements[0]} large=${largeStatements[0]}: equal for both sizes, it does not grow with the goals and tasks`
    : `plan-query SQL statements per request NOT constant (partner on/off, regisseur on/off): small=[${smallStatements.join(", ")}] ` +
        `large=[${largeStatements.join(", ")}]: it GROWS with the plan; the last line shows the larger count`,
);
const largePlan = planResults.filter((result) => result.size === "large");
const worst = largePlan.reduce((a, b) => (b.on / b.off > a.on / a.off ? b : a));
const covenantRatio = worst.on / worst.off;
console.log(
  `covenant overhead, large plan: worse caller ${worst.caller} (${largePlan.map((result) => `${result.caller} ${(result.on / result.off).toFixed(2)}`).join(", ")}); ` +
    `target ≤ ${TARGET_RATIO.toFixed(2)}: ${covenantRatio <= TARGET_RATIO ? "met" : "NOT met"}`,
);

// ---------------------------------------------------------------------------------------------
// 2. The reference index (after the plans: its fills empty the signals table).
// ---------------------------------------------------------------------------------------------

const [region] = await db.insert(regions).values({ code: "bench", name: "Bench", signalAgeLimitYears: 23 }).returning();
const made = await db
  .insert(partners)
  .values([1, 2, 3].map((n) => ({ regionId: region!.id, name: `Partner ${n}`, sector: "SOCIAL_WORK", covenantSignatory: true })))
  .returning();
const staff = await db
  .insert(professionals)
  .values(made.map((partner, n) => ({ regionId: region!.id, partnerId: partner.id, name: `Professional ${n}`, email: `bench${n}@bench.example`, roles: ["COACH"] })))
  .returning();

/** Fills the index up to `total` signals on distinct people, plus three on the looked-up person. */
async function fill(total: number) {
  await db.execute(sql`truncate signals cascade`);
  // Loading is faster without the index; it is rebuilt below exactly as the migration made it.
  await db.execute(sql`drop index signals_region_bsn`);
  await db.execute(sql`
    insert into signals (region_id, bsn, birth_date, partner_id, professional_id, signalled_on, active_until, discussed_with_family, created_at)
    select ${region!.id}, lpad((100000000 + n)::text, 9, '0'), date '2012-01-01', p.partner_id, p.id,
           date '2026-06-01', date '2028-06-01', true, now()
    from generate_series(1, ${total}) as n
    join (select id, partner_id, row_number() over (order by id) - 1 as slot from professionals where region_id = ${region!.id}) p
      on p.slot = n % 3`);
  await db.execute(sql`
    insert into signals (region_id, bsn, birth_date, partner_id, professional_id, signalled_on, active_until, discussed_with_family, created_at)
    select ${region!.id}, ${BSN}, date '2011-05-09', p.partner_id, p.id, date '2026-06-01', date '2028-06-01', true, now()
    from professionals p where p.region_id = ${region!.id}`);
  await db.execute(sql`create index signals_region_bsn on signals using btree (region_id, bsn)`);
  await db.execute(sql`analyze signals`);
}

const server = await startServer({ config, database, log: createLogger("silent") }, 0, "127.0.0.1");

// What a partner's front-end receives for the large plan over HTTP: the refusals above, folded
// into one error per field and reason (docs/decisions/0017).
const planOverHttp = (await fetch(`${server.url}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${signToken(config, world.housingPro.id)}` },
  body: JSON.stringify({ query: PLAN_QUERY, variables: { id: familyBySize.get("large") } }),
}).then((response) => response.json())) as { errors?: { extensions?: { code?: string; count?: number } }[] };
const httpErrors = planOverHttp.errors ?? [];
const foldedRefusals = httpErrors.reduce((total, error) => total + (error.extensions?.count ?? 1), 0);
if (httpErrors.some((error) => error.extensions?.code !== "FORBIDDEN")) throw new Error(`the large plan over HTTP met other errors: ${JSON.stringify(httpErrors.slice(0, 3))}`);
console.log(`large plan, partner over HTTP: ${httpErrors.length} errors standing for ${foldedRefusals} refused fields`);
const token = signToken(config, staff[0]!.id);
const query = JSON.stringify({ query: `{ whoIsInvolved(bsn: "${BSN}") { organisation professional phone email since } }` });

async function measure(): Promise<{ p50: number; statements: number }> {
  const lookup = () =>
    fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: query }).then(
      async (response) => (await response.json()) as { data: { whoIsInvolved: unknown[] } },
    );
  // The first request may meet a keep-alive connection the server closed during the fill.
  for (let warm = 0; warm < 30; warm++) await lookup().catch(() => lookup());
  const before = database.statements();
  const found = await lookup();
  const statements = database.statements() - before;
  if (found.data.whoIsInvolved.length !== 2) throw new Error("the benchmark's lookup found the wrong signals");
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await lookup();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, statements };
}

await fill(SMALL);
const small = await measure();
console.log(`reference-index lookup, ${SMALL} signals: p50 ${small.p50.toFixed(2)} ms, ${small.statements} SQL statements per request`);
const fillStarted = performance.now();
await fill(LARGE);
console.log(`(filled ${LARGE} signals in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s)`);
const large = await measure();
console.log(`reference-index lookup, ${LARGE} signals: p50 ${large.p50.toFixed(2)} ms, ${large.statements} SQL statements per request`);

await server.close();
await database.close();
console.log(
  `reference-index-lookup-ratio=${(large.p50 / small.p50).toFixed(2)} sql-per-lookup=${large.statements} (small index: ${small.statements})`,
);
const withLog = Math.max(...largePlan.map((result) => result.logged / result.off));
const fences = Math.max(...largePlan.map((result) => result.on / result.fenceless));
console.log(
  `covenant-overhead-ratio=${covenantRatio.toFixed(2)} row-level-security-ratio=${fences.toFixed(2)} sql-per-plan-query=${sqlPerPlanQuery} with-access-log=${withLog.toFixed(2)} plan-errors-over-http=${httpErrors.length}/${foldedRefusals}`,
);
