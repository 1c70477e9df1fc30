import { authenticated, familyAccess, guardedAtEntry, planContent } from "../../access/rules.js";

/*
 * The family's network is plan content (part NETWORK): that it has members, since when, is
 * process data (PROCESS); who they are, whom they relate to and what they do opens where the
 * covenant opens the part (the regisseur always). The regisseur keeps it (the family gate).
 */
const process = familyAccess("PROCESS");
const atEntry = guardedAtEntry;

export const networkPermissions = {
  Mutation: { addNetworkMember: authenticated, endNetworkMember: authenticated },
  Family: { network: process },
  NetworkMember: { id: process, addedAt: process, endedOn: process, content: planContent },
  NetworkMemberContent: { name: atEntry, relation: atEntry, relatedMemberId: atEntry, contact: atEntry, support: atEntry },
};

export const networkEntryGuards = { NetworkMemberContent: [planContent] };
