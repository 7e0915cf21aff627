import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { isUser, type UserActor } from "../../platform/auth/actor.js";
import { DomainError, ValidationError } from "../../platform/http/errors.js";
import { parseForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { sessionCookieName } from "./better-auth.js";
import {
  apiMe,
  changePasswordForm,
  forgotForm,
  idParam,
  inviteForm,
  loginForm,
  resetForm,
  roleForm,
  tokenForm,
} from "./schema.js";
import {
  changePassword,
  changeRole,
  createMyToken,
  dashboardLinks,
  deleteAccount,
  getAccount,
  inviteUser,
  listAccounts,
  listMyTokens,
  requestPasswordReset,
  resendInvitation,
  resetPassword,
  revokeMyToken,
  signIn,
  signOut,
  verifyEmail,
  whoAmI,
} from "./service.js";
import { AccountPage } from "./views/account-page.js";
import { DashboardPage, DeleteUserPage, UsersPage } from "./views/admin-pages.js";
import {
  emptyForm,
  ForgotPasswordPage,
  type FormState,
  LoginPage,
  ResetPasswordPage,
  VerifyFailedPage,
} from "./views/auth-pages.js";

const NEW_TOKEN_COOKIE = "bn_new_token";
export const FAILED_LOGINS_PER_IP = 30;

/** Only paths on this site: "/x" but never "//host" or "/\host". */
const safeBack = (value: unknown): string | undefined =>
  typeof value === "string" && /^\/(?![/\\])/.test(value) && value.length < 500 ? value : undefined;

const forwardCookies = (reply: FastifyReply, cookies: string[]) => {
  for (const cookie of cookies) reply.header("set-cookie", cookie);
};

/** Pages that need an account send anonymous visitors to the login page first. */
function signedIn(request: FastifyRequest, reply: FastifyReply): UserActor | undefined {
  if (isUser(request.actor)) return request.actor;
  const back = encodeURIComponent(request.url.split("#")[0] ?? "/");
  void reply.redirect(`/anmelden?zurueck=${back}`, 303);
  return undefined;
}

/** The field errors of a ValidationError, translated for the page. */
const translated = (request: FastifyRequest, error: ValidationError) =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, request.t(key)]));

export function accountsRoutes(app: FastifyInstance, platform: Platform): void {
  const secure = platform.config.isProduction;

  // --- sign in and out ---------------------------------------------------------------
  const loginPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, notice?: string) =>
    reply.page({
      status,
      title: request.t("accounts.login.title"),
      body: <LoginPage form={form} back={safeBack((request.query as { zurueck?: unknown }).zurueck)} notice={notice} />,
    });

  // Besides 5 attempts per address: at most 30 failed sign-ins per client address in 15 minutes,
  // against trying one password on many addresses. Only failures count (a school shares one address).
  const failedLogins = app.hasDecorator("createRateLimit")
    ? app.createRateLimit({
        max: FAILED_LOGINS_PER_IP,
        timeWindow: "15 minutes",
        keyGenerator: (request) => `login-failures:${request.ip}`,
      })
    : undefined;
  const tooManyFailures = async (request: FastifyRequest) => {
    if (!failedLogins) return;
    const state = await failedLogins(request, { increment: false });
    if (!state.isAllowed && state.remaining === 0) {
      throw new DomainError(429, "rate_limited", "error.rateLimit.text", { seconds: Math.max(1, state.ttlInSeconds) });
    }
  };

  app.get("/anmelden", async (request, reply) => {
    if (isUser(request.actor)) return reply.redirect("/konto", 303);
    return loginPage(request, reply, emptyForm);
  });

  app.post(
    "/anmelden",
    {
      config: {
        // 5 attempts per 15 minutes for one address from one client; the 6th gets the German 429 page.
        rateLimit: {
          max: 5,
          timeWindow: "15 minutes",
          hook: "preHandler",
          keyGenerator: (request: FastifyRequest) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `login:${request.ip}:${typeof email === "string" ? email.trim().toLowerCase() : ""}`;
          },
        },
      },
    },
    async (request, reply) => {
      const form = parseForm(loginForm, request.body, request.t, request.locale);
      if (!form.ok) return loginPage(request, reply, { values: form.values, errors: form.errors }, 422);
      await tooManyFailures(request);
      const result = await signIn(platform, form.data.email, form.data.password);
      if (!result.ok) {
        if (result.reason === "failed") await failedLogins?.(request);
        const values = { email: form.data.email };
        const message = request.t(
          result.reason === "unverified" ? "accounts.login.unverified" : "accounts.login.failed",
        );
        return loginPage(request, reply, { values, errors: {} }, 422, message);
      }
      forwardCookies(reply, result.cookies);
      const back = safeBack((request.query as { zurueck?: unknown }).zurueck) ?? "/verwaltung";
      return reply.flash("success", "accounts.login.success").redirect(back, 303);
    },
  );

  app.post("/abmelden", async (request, reply) => {
    forwardCookies(reply, await signOut(platform, request.headers.cookie ?? ""));
    reply.clearCookie(sessionCookieName(platform), { path: "/" });
    return reply.flash("success", "accounts.logout.success").redirect("/", 303);
  });

  // --- forgotten password, reset link, e-mail confirmation ----------------------------------
  app.get("/passwort-vergessen", async (request, reply) =>
    reply.page({ title: request.t("accounts.forgot.title"), body: <ForgotPasswordPage form={emptyForm} /> }),
  );

  app.post(
    "/passwort-vergessen",
    { config: { rateLimit: { max: 5, timeWindow: "15 minutes" } } },
    async (request, reply) => {
      const form = parseForm(forgotForm, request.body, request.t, request.locale);
      if (!form.ok) {
        return reply.page({
          status: 422,
          title: request.t("accounts.forgot.title"),
          body: <ForgotPasswordPage form={{ values: form.values, errors: form.errors }} />,
        });
      }
      await requestPasswordReset(platform, form.data.email);
      return reply.flash("info", "accounts.forgot.sent").redirect("/anmelden", 303);
    },
  );

  app.get("/passwort-zuruecksetzen", async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    const valid = typeof token === "string" && token.length >= 10 && token.length <= 500;
    return reply.page({
      status: valid ? 200 : 400,
      title: request.t("accounts.reset.title"),
      body: <ResetPasswordPage token={valid ? token : ""} form={emptyForm} invalid={!valid} />,
    });
  });

  app.post(
    "/passwort-zuruecksetzen",
    { config: { rateLimit: { max: 10, timeWindow: "15 minutes" } } },
    async (request, reply) => {
      const token = String((request.body as { token?: unknown } | undefined)?.token ?? "");
      const page = (status: number, form: FormState, invalid = false) =>
        reply.page({
          status,
          title: request.t("accounts.reset.title"),
          body: <ResetPasswordPage token={token} form={form} invalid={invalid} />,
        });
      const form = parseForm(resetForm, request.body, request.t, request.locale);
      if (!form.ok) {
        if (form.errors.token) return page(400, emptyForm, true);
        return page(422, { values: {}, errors: form.errors });
      }
      if (!(await resetPassword(platform, form.data.token, form.data.password))) return page(400, emptyForm, true);
      return reply.flash("success", "accounts.reset.success").redirect("/anmelden", 303);
    },
  );

  app.get("/e-mail-bestaetigen", async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    if (typeof token === "string" && token.length <= 2000 && (await verifyEmail(platform, token))) {
      return reply.flash("success", "accounts.verify.success").redirect("/anmelden", 303);
    }
    return reply.page({ status: 400, title: request.t("accounts.verify.title"), body: <VerifyFailedPage /> });
  });

  // --- my account --------------------------------------------------------------------------
  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserActor,
    forms: { password?: FormState; token?: FormState; newToken?: { name: string; token: string } } = {},
    status = 200,
  ) =>
    reply.page({
      status,
      title: request.t("accounts.account.title"),
      body: (
        <AccountPage
          user={user}
          tokens={await listMyTokens(platform, user)}
          newToken={forms.newToken}
          passwordForm={forms.password ?? emptyForm}
          tokenForm={forms.token ?? emptyForm}
        />
      ),
    });

  app.get("/konto", async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    return accountPage(request, reply, user, { newToken: readNewToken(request, reply) });
  });

  app.post("/konto/passwort", async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const form = parseForm(changePasswordForm, request.body, request.t, request.locale);
    if (!form.ok) return accountPage(request, reply, user, { password: { values: {}, errors: form.errors } }, 422);
    try {
      const cookies = await changePassword(platform, user, request.headers.cookie ?? "", form.data);
      forwardCookies(reply, cookies);
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = translated(request, error);
        return accountPage(request, reply, user, { password: { values: {}, errors } }, 422);
      }
      throw error;
    }
    return reply.flash("success", "accounts.account.passwordChanged").redirect("/konto", 303);
  });

  app.post("/konto/tokens", async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const form = parseForm(tokenForm, request.body, request.t, request.locale);
    if (!form.ok)
      return accountPage(request, reply, user, { token: { values: form.values, errors: form.errors } }, 422);
    const { token } = await createMyToken(platform, user, form.data.name);
    // Shown once on the next page (post/redirect/get): a signed one-minute cookie only /konto reads.
    reply.setCookie(NEW_TOKEN_COOKIE, JSON.stringify({ name: form.data.name, token }), {
      path: "/konto",
      httpOnly: true,
      sameSite: "lax",
      secure,
      signed: true,
      maxAge: 60,
    });
    return reply.redirect("/konto#tokens", 303);
  });

  app.post("/konto/tokens/:id/widerrufen", async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const params = idParam.safeParse(request.params);
    if (!params.success) throw new DomainError(404, "not_found", "error.notFound.text");
    await revokeMyToken(platform, user, params.data.id);
    return reply.flash("success", "accounts.tokens.revokedFlash").redirect("/konto#tokens", 303);
  });

  // --- JSON API -------------------------------------------------------------------------------
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
    async (request) => whoAmI(request.actor),
  );

  // --- back office -------------------------------------------------------------------------
  app.get("/verwaltung", async (request, reply) => {
    const user = signedIn(request, reply);
    if (!user) return reply;
    const links = dashboardLinks(user, platform.contributions.adminLinks);
    return reply.page({
      title: request.t("accounts.dashboard.title"),
      body: <DashboardPage links={links} role={user.role} />,
    });
  });

  const usersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { form?: FormState; problem?: string; status?: number } = {},
  ) => {
    const users = await listAccounts(platform, request.actor);
    return reply.page({
      status: options.status ?? 200,
      title: request.t("accounts.users.title"),
      body: <UsersPage users={users} form={options.form ?? emptyForm} problem={options.problem} />,
    });
  };

  app.get("/verwaltung/benutzer", async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    return usersPage(request, reply);
  });

  app.post("/verwaltung/benutzer", async (request, reply) => {
    const form = parseForm(inviteForm, request.body, request.t, request.locale);
    if (!form.ok) {
      await listAccounts(platform, request.actor); // permission first: a member gets 403, not a form
      return usersPage(request, reply, { form: { values: form.values, errors: form.errors }, status: 422 });
    }
    try {
      await inviteUser(platform, request.actor, form.data);
    } catch (error) {
      if (error instanceof DomainError && error.code === "email_taken") {
        const errors = { email: request.t("accounts.users.emailTaken") };
        return usersPage(request, reply, { form: { values: { ...form.data }, errors }, status: 409 });
      }
      throw error;
    }
    return reply
      .flash("success", "accounts.users.created", { email: form.data.email })
      .redirect("/verwaltung/benutzer", 303);
  });

  app.post("/verwaltung/benutzer/:id/rolle", async (request, reply) => {
    const params = idParam.safeParse(request.params);
    const form = parseForm(roleForm, request.body, request.t, request.locale);
    if (!params.success) throw new DomainError(404, "not_found", "accounts.users.notFound");
    if (!form.ok) {
      await listAccounts(platform, request.actor);
      return usersPage(request, reply, { problem: form.errors.role, status: 422 });
    }
    try {
      const changed = await changeRole(platform, request.actor, params.data.id, form.data.role);
      return reply
        .flash("success", "accounts.users.roleChanged", {
          name: changed.name,
          role: request.t(`accounts.role.${changed.role}`),
        })
        .redirect("/verwaltung/benutzer", 303);
    } catch (error) {
      if (error instanceof DomainError && error.status === 409) {
        return usersPage(request, reply, { problem: request.t(error.messageKey), status: 409 });
      }
      throw error;
    }
  });

  app.post("/verwaltung/benutzer/:id/einladung", async (request, reply) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) throw new DomainError(404, "not_found", "accounts.users.notFound");
    try {
      const { email } = await resendInvitation(platform, request.actor, params.data.id);
      return reply.flash("success", "accounts.users.inviteResent", { email }).redirect("/verwaltung/benutzer", 303);
    } catch (error) {
      if (error instanceof DomainError && error.status === 409) {
        return usersPage(request, reply, { problem: request.t(error.messageKey), status: 409 });
      }
      throw error;
    }
  });

  app.get("/verwaltung/benutzer/:id/loeschen", async (request, reply) => {
    if (!signedIn(request, reply)) return reply;
    const params = idParam.safeParse(request.params);
    if (!params.success) throw new DomainError(404, "not_found", "accounts.users.notFound");
    const user = await getAccount(platform, request.actor, params.data.id);
    if (user.isSelf) return usersPage(request, reply, { problem: request.t("accounts.users.ownDelete"), status: 409 });
    return reply.page({
      title: request.t("accounts.users.deleteTitle", { name: user.name }),
      body: <DeleteUserPage user={user} />,
    });
  });

  app.post("/verwaltung/benutzer/:id/loeschen", async (request, reply) => {
    const params = idParam.safeParse(request.params);
    if (!params.success) throw new DomainError(404, "not_found", "accounts.users.notFound");
    try {
      const deleted = await deleteAccount(platform, request.actor, params.data.id);
      return reply
        .flash("success", "accounts.users.deleted", { name: deleted.name })
        .redirect("/verwaltung/benutzer", 303);
    } catch (error) {
      if (error instanceof DomainError && error.status === 409) {
        return usersPage(request, reply, { problem: request.t(error.messageKey), status: 409 });
      }
      throw error;
    }
  });
}

function readNewToken(request: FastifyRequest, reply: FastifyReply): { name: string; token: string } | undefined {
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
