/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the covenant lets a caller see of a family, least to most: NONE, DAT, PROCESS, SECTION, FULL. */
export type AccessLevel =
  | 'DAT'
  | 'FULL'
  | 'NONE'
  | 'PROCESS'
  | 'SECTION';

export type GoalStatus =
  | 'ACHIEVED'
  | 'CANCELLED'
  | 'IN_PROGRESS'
  | 'NOT_ACHIEVED'
  | 'OPEN';

export type PartnerFamiliesQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type PartnerFamiliesQuery = { families: { nodes: Array<{ id: string, name: string | null, myAccess: { level: AccessLevel } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PlanAsPartnerQueryVariables = Exact<{
  familyId: string | number;
}>;


export type PlanAsPartnerQuery = { family: { id: string, plan: { version: number | null, goals: Array<{ id: string | null, status: GoalStatus | null, content: { lifeDomain: string, ownWords: string } | null }> | null } | null } | null };


export const PartnerFamiliesDocument = {"__meta__":{"hash":"sha256:e0c8b945a39e579b39c821b7ce60ea438a4697a94f16ec21f90827c46f3665b8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerFamilies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"families"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PartnerFamiliesQuery, PartnerFamiliesQueryVariables>;
export const PlanAsPartnerDocument = {"__meta__":{"hash":"sha256:ff92737d52c93c86cd4c15a143b567ba25f01e495a9b5558fc871dc7e9e910c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlanAsPartner"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"familyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"family"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"familyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"goals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lifeDomain"}},{"kind":"Field","name":{"kind":"Name","value":"ownWords"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanAsPartnerQuery, PlanAsPartnerQueryVariables>;