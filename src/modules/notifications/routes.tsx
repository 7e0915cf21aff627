import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { UnauthorizedError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { eventsFeed, postsFeed } from "./feeds.js";
import {
  cancelOwnSubscription,
  checkUnsubscribeToken,
  getOwnSubscription,
  saveSubscription,
  unsubscribeByToken,
} from "./notifications.service.js";
import { feedQuery, subscriptionForm } from "./schema.js";
import { notificationsStyles, SubscriptionPage, UnsubscribePage } from "./views/pages.js";

type TokenParams = { Params: { token: string } };
const ATOM = "application/atom+xml; charset=utf-8";

export function notificationRoutes(app: FastifyInstance, platform: Platform): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page({
      status,
      title: request.t("notifications.page.title"),
      styles: notificationsStyles,
      body: <SubscriptionPage subscription={await getOwnSubscription(platform, request.actor)} form={form} />,
    });

  // Nobody signed in is sent to sign in first, and comes back here (like /konto).
  app.get("/konto/benachrichtigungen", async (request, reply) => {
    try {
      return await page(request, reply, emptyForm);
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      return reply.redirect(`/anmelden?zurueck=${encodeURIComponent("/konto/benachrichtigungen")}`, 303);
    }
  });
  app.post("/konto/benachrichtigungen", async (request, reply) =>
    handleForm(
      request,
      subscriptionForm,
      async (data) => {
        await saveSubscription(platform, request.actor, data);
        return reply.flash("success", "notifications.flash.saved").redirect("/konto/benachrichtigungen", 303);
      },
      (form, status) => page(request, reply, form, status),
    ),
  );
  app.post("/konto/benachrichtigungen/abbestellen", async (request, reply) => {
    await cancelOwnSubscription(platform, request.actor);
    return reply.flash("success", "notifications.flash.cancelled").redirect("/konto/benachrichtigungen", 303);
  });

  // The unsubscribe link of every digest. GET only asks (link checkers and previews must
  // not unsubscribe anybody); POST unsubscribes — from the button, or from the mail
  // program itself (RFC 8058 one-click), which carries no CSRF token: the secret in the
  // address is the proof, so this one route is exempt.
  app.get<TokenParams>("/abbestellen/:token", async (request, reply) => {
    await checkUnsubscribeToken(platform, request.params.token);
    return reply.header("referrer-policy", "no-referrer").page({
      title: request.t("notifications.unsubscribe.title"),
      body: <UnsubscribePage token={request.params.token} done={false} />,
    });
  });
  app.post<TokenParams>(
    "/abbestellen/:token",
    // No tighter limit than the app's: one-click POSTs of many people come from the few
    // addresses of the big mail providers; the 24-byte secret cannot be guessed anyway.
    { config: { csrfExempt: true } as object },
    async (request, reply) => {
      await unsubscribeByToken(platform, request.params.token);
      return reply.page({
        title: request.t("notifications.unsubscribe.title"),
        body: <UnsubscribePage token={request.params.token} done />,
      });
    },
  );

  app.get("/austausch/feed.xml", async (request, reply) => {
    const query = parseQuery(feedQuery, request.query);
    return reply.header("content-type", ATOM).send(await postsFeed(platform, query));
  });
  app.get("/fachtage/feed.xml", async (_request, reply) =>
    reply.header("content-type", ATOM).send(await eventsFeed(platform)),
  );
}
