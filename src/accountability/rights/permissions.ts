import { authenticated, client, madeForReader, signedIn, withRole } from "../../access/rules.js";
import { connectionRules } from "../../pagination/connection.js";

/*
 * A client's fields answer for the client alone (a professional is FORBIDDEN); whom a request is
 * about is decided in the service (age rule, custody). A professional's on-behalf fields are open
 * to professionals, and the service decides who may (the region's list; NOT_FOUND for a person
 * they may not know). What the services hand out is marked for its one reader.
 */
export const rightsPermissions = {
  Query: {
    myAccount: client,
    myChildren: client,
    myData: client,
    myAccessLog: client,
    myRequests: client,
    rightsSettings: authenticated,
    clientExport: authenticated,
    clientAccessLog: authenticated,
    clientRightsRequests: authenticated,
    rightsRequestsToDecide: authenticated,
  },
  // Pages of a client's own lists or a professional's: each item is again made-for-reader.
  ...connectionRules("AccessLogEntry", signedIn),
  ...connectionRules("RightsRequest", signedIn),
  Mutation: {
    submitMyRightsRequest: client,
    setRightsSettings: withRole("COVENANT_ADMIN"),
    submitRightsRequest: authenticated,
    openClientAccount: authenticated,
    decideRightsRequest: authenticated,
    applyRectification: authenticated,
  },
  ClientAccount: {
    id: madeForReader,
    email: madeForReader,
    name: madeForReader,
    personId: madeForReader,
    region: madeForReader,
    active: madeForReader,
    createdAt: madeForReader,
  },
  ClientChild: { personId: madeForReader, givenName: madeForReader, familyName: madeForReader, birthDate: madeForReader },
  RightsDecider: { name: madeForReader, organisation: madeForReader },
  RightsRequest: {
    id: madeForReader,
    kind: madeForReader,
    status: madeForReader,
    signalId: madeForReader,
    description: madeForReader,
    filedAt: madeForReader,
    filedOnBehalf: madeForReader,
    personId: madeForReader,
    familyId: madeForReader,
    decidedAt: madeForReader,
    decidedBy: madeForReader,
    reason: madeForReader,
    appliedAt: madeForReader,
    corrections: madeForReader,
  },
  PersonCorrection: { field: madeForReader, previous: madeForReader, corrected: madeForReader, correctedAt: madeForReader },
  AccessLogEntry: {
    at: madeForReader,
    actorKind: madeForReader,
    professional: madeForReader,
    client: madeForReader,
    organisation: madeForReader,
    roles: madeForReader,
    action: madeForReader,
    operation: madeForReader,
    data: madeForReader,
    basis: madeForReader,
    emergency: madeForReader,
    family: madeForReader,
  },
  // The region's rules: every professional of the region may read them.
  RightsSettings: { selfAccessAge: authenticated, onBehalf: authenticated },
};
