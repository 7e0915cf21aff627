import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { emptyForm, type FormState, handleForm } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { deactivateForm, inviteForm, roleForm } from "./schema.js";
import { orSignIn } from "./sign-in.routes.js";
import {
  changeRole,
  deactivateAccount,
  deleteAccount,
  getAccount,
  inviteUser,
  listAccounts,
  reactivateAccount,
  resendInvitation,
} from "./users.service.js";
import { DeactivateUserPage, DeleteUserPage, UsersPage } from "./views/admin-pages.js";

/** The user list's own layout: a table on wide screens, cards on a phone. */
const usersStyles = ["/assets/accounts.css?v=1"];

/** The buttons on the user list post no fields; only their refusals need the list again. */
const noFields = z.object({});

const userIdOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** User management for the education office: /verwaltung/benutzer. */
export function usersRoutes(app: FastifyInstance, platform: Platform): void {
  const usersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { form?: FormState; problem?: string | undefined; status?: number } = {},
  ) => {
    const users = await listAccounts(platform, request.actor);
    return reply.page({
      status: options.status ?? 200,
      title: request.t("accounts.users.title"),
      styles: usersStyles,
      body: <UsersPage users={users} form={options.form ?? emptyForm} problem={options.problem} />,
    });
  };

  /** A refusal about one row (own role, own account, already set up) shown above the list. */
  const listProblem = (request: FastifyRequest, reply: FastifyReply) => (form: FormState, status: number) =>
    usersPage(request, reply, { problem: form.errors.role ?? form.errors._form, status });

  app.get("/verwaltung/benutzer", async (request, reply) => orSignIn(request, reply, () => usersPage(request, reply)));

  app.post("/verwaltung/benutzer", async (request, reply) =>
    handleForm(
      request,
      inviteForm,
      async (data) => {
        await inviteUser(platform, request.actor, data);
        return reply
          .flash("success", "accounts.users.created", { email: data.email })
          .redirect("/verwaltung/benutzer", 303);
      },
      // The list is read first: somebody who may not manage users gets 403, not the form again.
      (form, status) => usersPage(request, reply, { form, status }),
    ),
  );

  app.post("/verwaltung/benutzer/:id/rolle", async (request, reply) =>
    handleForm(
      request,
      roleForm,
      async ({ role }) => {
        const changed = await changeRole(platform, request.actor, userIdOf(request), role);
        return reply
          .flash("success", "accounts.users.roleChanged", {
            name: changed.name,
            role: request.t(`accounts.role.${changed.role}`),
          })
          .redirect("/verwaltung/benutzer", 303);
      },
      listProblem(request, reply),
    ),
  );

  app.post("/verwaltung/benutzer/:id/einladung", async (request, reply) =>
    handleForm(
      request,
      noFields,
      async () => {
        const { email } = await resendInvitation(platform, request.actor, userIdOf(request));
        return reply.flash("success", "accounts.users.inviteResent", { email }).redirect("/verwaltung/benutzer", 303);
      },
      listProblem(request, reply),
    ),
  );

  app.get("/verwaltung/benutzer/:id/loeschen", async (request, reply) =>
    orSignIn(request, reply, async () => {
      const user = await getAccount(platform, request.actor, userIdOf(request));
      if (user.isSelf) {
        return usersPage(request, reply, { problem: request.t("accounts.users.ownDelete"), status: 409 });
      }
      return reply.page({
        title: request.t("accounts.users.deleteTitle", { name: user.name }),
        body: <DeleteUserPage user={user} />,
      });
    }),
  );

  app.post("/verwaltung/benutzer/:id/loeschen", async (request, reply) =>
    handleForm(
      request,
      noFields,
      async () => {
        const deleted = await deleteAccount(platform, request.actor, userIdOf(request));
        return reply
          .flash("success", "accounts.users.deleted", { name: deleted.name })
          .redirect("/verwaltung/benutzer", 303);
      },
      listProblem(request, reply),
    ),
  );

  const deactivatePage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const user = await getAccount(platform, request.actor, userIdOf(request));
    if (user.isSelf) {
      return usersPage(request, reply, { problem: request.t("accounts.users.ownDeactivate"), status: 409 });
    }
    return reply.page({
      status,
      title: request.t("accounts.users.deactivateTitle", { name: user.name }),
      body: <DeactivateUserPage user={user} form={form} />,
    });
  };

  app.get("/verwaltung/benutzer/:id/deaktivieren", async (request, reply) =>
    orSignIn(request, reply, () => deactivatePage(request, reply, emptyForm)),
  );

  app.post("/verwaltung/benutzer/:id/deaktivieren", async (request, reply) =>
    handleForm(
      request,
      deactivateForm,
      async ({ reason }) => {
        const { name } = await deactivateAccount(platform, request.actor, userIdOf(request), reason);
        return reply.flash("success", "accounts.users.deactivatedDone", { name }).redirect("/verwaltung/benutzer", 303);
      },
      // A too long reason comes back to the form; a refusal about the account to the list.
      (form, status) =>
        form.errors.reason ? deactivatePage(request, reply, form, status) : listProblem(request, reply)(form, status),
    ),
  );

  app.post("/verwaltung/benutzer/:id/aktivieren", async (request, reply) =>
    handleForm(
      request,
      noFields,
      async () => {
        const { name } = await reactivateAccount(platform, request.actor, userIdOf(request));
        return reply.flash("success", "accounts.users.reactivated", { name }).redirect("/verwaltung/benutzer", 303);
      },
      listProblem(request, reply),
    ),
  );
}
