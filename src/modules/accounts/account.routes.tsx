import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { emptyForm, type FormState, handleForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { changePassword, dashboardLinks, getMyAccount, whoAmI } from "./my-account.service.js";
import { apiMe, changePasswordForm, tokenForm } from "./schema.js";
import { forwardCookies, orSignIn } from "./sign-in.routes.js";
import { createMyToken, revokeMyToken } from "./tokens.service.js";
import { AccountPage, type NewTokenView } from "./views/account-page.js";
import { DashboardPage } from "./views/admin-pages.js";

const NEW_TOKEN_COOKIE = "bn_new_token";

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** A section on "Mein Konto" below who is signed in (notifications, Merkliste: links to their pages). */
    "accounts.page": { userId: string };
  }
}

/** "Mein Konto" with its password and token forms, GET /api/v1/me, and the /verwaltung dashboard. */
export function accountRoutes(app: FastifyInstance, platform: Platform): void {
  const secure = platform.config.isProduction;

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { password?: FormState; token?: FormState; newToken?: NewTokenView | undefined } = {},
    status = 200,
  ) =>
    reply.page({
      status,
      title: request.t("accounts.account.title"),
      body: (
        <AccountPage
          account={await getMyAccount(platform, request.actor)}
          sections={
            await platform.contributions.renderSections(
              "accounts.page",
              { userId: request.actor.kind === "user" ? request.actor.id : "" },
              request,
            )
          }
          newToken={forms.newToken}
          passwordForm={forms.password ?? emptyForm}
          tokenForm={forms.token ?? emptyForm}
        />
      ),
    });

  app.get("/konto", async (request, reply) =>
    orSignIn(request, reply, () => accountPage(request, reply, { newToken: readNewToken(request, reply) })),
  );

  app.post("/konto/passwort", async (request, reply) =>
    orSignIn(request, reply, () =>
      handleForm(
        request,
        changePasswordForm,
        async (data) => {
          forwardCookies(reply, await changePassword(platform, request.actor, request.headers.cookie ?? "", data));
          return reply.flash("success", "accounts.account.passwordChanged").redirect("/konto", 303);
        },
        // Passwords are never sent back into the form.
        (form, status) => accountPage(request, reply, { password: { values: {}, errors: form.errors } }, status),
      ),
    ),
  );

  app.post("/konto/tokens", async (request, reply) =>
    orSignIn(request, reply, () =>
      handleForm(
        request,
        tokenForm,
        async ({ name }) => {
          const { token } = await createMyToken(platform, request.actor, name);
          // Shown once on the next page (post/redirect/get): a signed one-minute cookie only /konto reads.
          reply.setCookie(NEW_TOKEN_COOKIE, JSON.stringify({ name, token }), {
            path: "/konto",
            httpOnly: true,
            sameSite: "lax",
            secure,
            signed: true,
            maxAge: 60,
          });
          return reply.redirect("/konto#tokens", 303);
        },
        (form, status) => accountPage(request, reply, { token: form }, status),
      ),
    ),
  );

  app.post("/konto/tokens/:id/widerrufen", async (request, reply) =>
    orSignIn(request, reply, async () => {
      await revokeMyToken(platform, request.actor, (request.params as { id: string }).id);
      return reply.flash("success", "accounts.tokens.revokedFlash").redirect("/konto#tokens", 303);
    }),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/me",
    {
      schema: {
        tags: ["Konto"],
        summary: "Wer bin ich? Das Konto und die Rolle hinter dem API-Token",
        security: [{ bearerAuth: [] }],
        response: { 200: apiMe },
      },
    },
    async (request) => whoAmI(platform, request.actor),
  );

  // --- back office -------------------------------------------------------------------------
  app.get("/verwaltung", async (request, reply) =>
    orSignIn(request, reply, async () => {
      const { links, role } = dashboardLinks(platform, request.actor);
      return reply.page({
        title: request.t("accounts.dashboard.title"),
        body: <DashboardPage links={links} role={role} />,
      });
    }),
  );
}

function readNewToken(request: FastifyRequest, reply: FastifyReply): NewTokenView | undefined {
  const raw = request.cookies[NEW_TOKEN_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(NEW_TOKEN_COOKIE, { path: "/konto" });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const value = JSON.parse(unsigned.value) as { name?: unknown; token?: unknown };
    return typeof value.name === "string" && typeof value.token === "string"
      ? { name: value.name, token: value.token }
      : undefined;
  } catch {
    return undefined;
  }
}
