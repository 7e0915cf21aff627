import type { HookHandler, HookResult } from "../../platform/hooks.js";
import { personRegistrationIds } from "../registrations/index.js";

// The certificates' part of a data subject request. Art. 15: every certificate issued to the
// person. Art. 17: the certificate's register entry stays (code, name, Fachtag, date) —
// it is the proof the person was given and that employers and accrediting bodies check on
// /bescheinigung/pruefen (Art. 17(3)(b),(e)); only its link to the registration goes.

export const exportCertificates: HookHandler<"privacy.exportPerson"> = async ({ email }, { db }) => {
  const ids = await personRegistrationIds(db, email);
  if (!ids.length) return null;
  const rows = await db
    .selectFrom("certificates")
    .select(["code", "name", "event_title as fachtag", "event_date as fachtagDate", "issued_at as issuedAt"])
    .where("registration_id", "in", ids)
    .orderBy("event_date")
    .execute();
  return rows.length
    ? { part: "certificates", counts: { certificates: rows.length }, data: { certificates: rows } }
    : null;
};

export const keepCertificatesOfPerson: HookHandler<"privacy.erasePerson"> = async (
  { email },
  { db },
): Promise<HookResult<"privacy.erasePerson">> => {
  const ids = await personRegistrationIds(db, email);
  if (!ids.length) return { part: "certificates", removed: {}, kept: {} };
  const result = await db
    .updateTable("certificates")
    .set({ registration_id: null })
    .where("registration_id", "in", ids)
    .executeTakeFirst();
  const n = Number(result.numUpdatedRows);
  return { part: "certificates", removed: {}, kept: n ? { certificates: n } : {} };
};
