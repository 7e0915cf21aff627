import { escapeHtml } from "../../lib/html.js";
import { accountsMessages } from "./messages.js";

// Account e-mails are always German (the office's working language); texts live in messages.ts.
const de = (key: string, params: Record<string, string>): string =>
  (accountsMessages.de[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);

function compose(kind: "reset" | "invite" | "verify", params: Record<string, string>) {
  const body = `${de(`accounts.mail.${kind}.body`, params)}\n\n${de("accounts.mail.signature", {})}`;
  const html = body
    .split("\n\n")
    .map((paragraph) => {
      const text = escapeHtml(paragraph).replace(/\n/g, "<br>");
      return paragraph === params.link ? `<p><a href="${text}">${text}</a></p>` : `<p>${text}</p>`;
    })
    .join("\n");
  return {
    subject: de(`accounts.mail.${kind}.subject`, params),
    text: body,
    html: `<!DOCTYPE html><html lang="de"><body>${html}</body></html>`,
  };
}

/** What an account e-mail says: whom it greets, the link it carries, the district it comes from. */
interface AccountMailView {
  name: string;
  link: string;
  district: string;
}

/**
 * An invitation names the role the education office gave the new account and, when it
 * is made for one, the organisation the person represents.
 */
interface InvitationMailView extends AccountMailView {
  role?: string;
  organisation?: string | undefined;
}

export function invitationOrResetMail(kind: "reset" | "invite", params: InvitationMailView) {
  const { organisation, ...rest } = params;
  const role = params.role ? de(`accounts.role.${params.role}`, {}) : "";
  const forOrganisation = organisation ? de("accounts.mail.invite.forOrganisation", { organisation }) : "";
  return compose(kind, { ...rest, role, forOrganisation });
}

export function verificationMail(params: AccountMailView) {
  return compose("verify", { ...params });
}
