import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, UnauthorizedError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, oneParam } from "../../platform/http/forms.js";
import { safeReturnPath } from "../../platform/http/safe-return.js";
import type { Platform } from "../../platform/platform.js";
import { sessionCookieName } from "./better-auth.js";
import { forgotForm, loginForm, resetForm } from "./schema.js";
import { isSignedIn, requestPasswordReset, resetPassword, signIn, signOut, verifyEmail } from "./sign-in.service.js";
import { ForgotPasswordPage, LoginPage, ResetPasswordPage, VerifyFailedPage } from "./views/auth-pages.js";

const FAILED_LOGINS_PER_IP = 30;

export const forwardCookies = (reply: FastifyReply, cookies: string[]): void => {
  for (const cookie of cookies) reply.header("set-cookie", cookie);
};

/**
 * Pages that need an account send anonymous visitors to the sign-in page first: when
 * the service refuses with 401, the visitor is asked to sign in and comes back here.
 */
export async function orSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  handler: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    const back = encodeURIComponent(request.url.split("#")[0] ?? "/");
    return reply.redirect(`/anmelden?zurueck=${back}`, 303);
  }
}

export function signInRoutes(app: FastifyInstance, platform: Platform): void {
  /** Only a path on this site (never "//host" or "/\host"); undefined when there is none. */
  const backOf = (request: FastifyRequest): string | undefined => {
    const value = oneParam((request.query as { zurueck?: unknown }).zurueck);
    if (!value || value.length >= 500) return undefined;
    return safeReturnPath(value, platform.config.baseUrl, "") || undefined;
  };

  const loginPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, notice?: string) =>
    reply.page({
      status,
      title: request.t("accounts.login.title"),
      body: <LoginPage form={form} back={backOf(request)} notice={notice} />,
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
    if (isSignedIn(request.actor)) return reply.redirect("/konto", 303);
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
    async (request, reply) =>
      handleForm(
        request,
        loginForm,
        async ({ email, password }) => {
          await tooManyFailures(request);
          const result = await signIn(platform, email, password);
          if (!result.ok) {
            if (result.reason === "failed") await failedLogins?.(request);
            const message = request.t(`accounts.login.${result.reason}`);
            return loginPage(request, reply, { values: { email }, errors: {} }, 422, message);
          }
          forwardCookies(reply, result.cookies);
          return reply.flash("success", "accounts.login.success").redirect(backOf(request) ?? "/verwaltung", 303);
        },
        (form, status) => loginPage(request, reply, form, status),
      ),
  );

  app.post("/abmelden", async (request, reply) => {
    forwardCookies(reply, await signOut(platform, request.headers.cookie ?? ""));
    reply.clearCookie(sessionCookieName(platform), { path: "/" });
    return reply.flash("success", "accounts.logout.success").redirect("/", 303);
  });

  // --- forgotten password, reset link, e-mail confirmation ----------------------------------
  const forgotPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page({ status, title: request.t("accounts.forgot.title"), body: <ForgotPasswordPage form={form} /> });

  app.get("/passwort-vergessen", async (request, reply) => forgotPage(request, reply, emptyForm));

  app.post(
    "/passwort-vergessen",
    { config: { rateLimit: { max: 5, timeWindow: "15 minutes" } } },
    async (request, reply) =>
      handleForm(
        request,
        forgotForm,
        async ({ email }) => {
          await requestPasswordReset(platform, email);
          return reply.flash("info", "accounts.forgot.sent").redirect("/anmelden", 303);
        },
        (form, status) => forgotPage(request, reply, form, status),
      ),
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
      return handleForm(
        request,
        resetForm,
        async (data) => {
          if (!(await resetPassword(platform, data.token, data.password))) return page(400, emptyForm, true);
          return reply.flash("success", "accounts.reset.success").redirect("/anmelden", 303);
        },
        // A broken token is an invalid link, not a field to correct; passwords are never sent back.
        (form, status) =>
          form.errors.token ? page(400, emptyForm, true) : page(status, { values: {}, errors: form.errors }),
      );
    },
  );

  app.get("/e-mail-bestaetigen", async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    if (typeof token === "string" && token.length <= 2000 && (await verifyEmail(platform, token))) {
      return reply.flash("success", "accounts.verify.success").redirect("/anmelden", 303);
    }
    return reply.page({ status: 400, title: request.t("accounts.verify.title"), body: <VerifyFailedPage /> });
  });
}
