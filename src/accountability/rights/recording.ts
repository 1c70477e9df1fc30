import type { RequestContext } from "../../context.js";
import type { Subject } from "./subject.js";

/*
 * The access log of every rights read and write. Placeholder until the access log lands:
 * recorded through src/accountability/access-log's recorder.
 */
export async function recordRightsRead(_ctx: RequestContext, _subject: Subject, _operation: string, _data: string[]): Promise<void> {}

export async function recordRightsWrite(_tx: RequestContext, _subject: Subject, _familyId: string | null, _operation: string, _data: string[]): Promise<void> {}
