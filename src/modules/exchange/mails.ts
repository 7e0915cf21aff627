import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import * as repo from "./posts.repo.js";

// The author hears of every moderation of their post or comment, with the moderator's
// reason, in the transaction of the change.

const de = translator("de");

export type Moderation = "edited" | "hidden" | "shown" | "deleted" | "commentHidden" | "commentDeleted";

export async function tellAuthor(
  platform: Platform,
  db: Conn,
  item: { id: string; title?: string; author_id: string | null },
  what: Moderation,
  reason: string,
): Promise<void> {
  const author = await repo.userName(db, item.author_id);
  if (!author) return;
  const title = item.title ?? "";
  const link = what === "deleted" || !item.title ? "" : new URL(`/austausch/${item.id}`, platform.config.baseUrl).href;
  const text = [
    de("exchange.mail.greeting", { name: author.name }),
    "",
    de(`exchange.mail.${what}`, { title }),
    "",
    de("exchange.mail.reason"),
    reason,
    "",
    ...(link ? [link, ""] : []),
    de("exchange.mail.questions"),
  ].join("\n");
  await enqueueMail(db, {
    to: author.email,
    subject: de(`exchange.mail.subject.${what}`, { title }),
    text,
    idempotencyKey: `exchange-${what}-${item.id}-${newId()}`,
  });
}
