import { section } from "../../platform/module.js";
import { usePage } from "../../platform/views/page-context.js";

function NotificationsLink() {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="konto-benachrichtigungen">
      <h2 class="kern-heading kern-heading-large" id="konto-benachrichtigungen">
        {t("notifications.page.title")}
      </h2>
      <p class="kern-body">
        {t("notifications.account.text")}{" "}
        <a class="kern-link" href="/konto/benachrichtigungen">
          {t("notifications.account.link")}
        </a>
      </p>
    </section>
  );
}

/** On "Mein Konto": where to order or change the e-mail digests. */
export const accountSection = section({
  slot: "accounts.page",
  order: 10,
  render: () => <NotificationsLink />,
});
