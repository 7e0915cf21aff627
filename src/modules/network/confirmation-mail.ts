import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import { translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries, memberContactsOf } from "../directory/index.js";

// The e-mail that asks an organisation's members to confirm a cooperation: written
// to the outbox in the transaction of the proposal or change, so it goes out exactly
// when the change is stored. In German: the members' pages are German first.

export interface ConfirmationRequest {
  cooperationId: string;
  title: string;
  /** The organisations whose confirmation is now outstanding. */
  organisationIds: readonly string[];
  /** Who proposed or changed it, for the text. */
  askedBy: string | null;
  reason: "new" | "changed";
  /** The time of the change: one mail per member and change, even when retried. */
  at: string;
}

export async function askPartnersToConfirm(
  trx: Transaction<Database>,
  platform: Platform,
  request: ConfirmationRequest,
): Promise<void> {
  if (request.organisationIds.length === 0) return;
  const t = translator("de");
  const link = `${platform.config.baseUrl}/verwaltung/kooperationen/bestaetigen`;
  const page = `${platform.config.baseUrl}/kooperationen/${request.cooperationId}`;
  const names = new Map((await getOrganisationSummaries(trx, [...request.organisationIds])).map((o) => [o.id, o.name]));
  for (const organisationId of request.organisationIds) {
    const organisation = names.get(organisationId) ?? organisationId;
    for (const member of await memberContactsOf(trx, organisationId)) {
      const params = {
        name: member.name,
        title: request.title,
        organisation,
        by: request.askedBy ?? t("network.mail.someone"),
        link,
        page,
      };
      await enqueueMail(trx, {
        to: member.email,
        subject: t(`network.mail.${request.reason}.subject`, params),
        text: t(`network.mail.${request.reason}.text`, params),
        idempotencyKey: `cooperation-confirm:${request.cooperationId}:${organisationId}:${member.userId}:${request.at}`,
      });
    }
  }
}
