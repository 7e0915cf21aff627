import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Heading,
  RadioGroup,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas, municipalities } from "../../directory/index.js";
import type { Subscription } from "../notifications.service.js";
import { digestKinds } from "../schema.js";

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []);

function CheckGroup({
  name,
  legend,
  options,
  chosen,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
}) {
  return (
    <fieldset class="kern-fieldset">
      <legend class="kern-label">{legend}</legend>
      <div class="kern-fieldset__body notifications-choices">
        {options.map((o, i) => (
          <Checkbox
            key={o.value}
            id={`${name}-${i}`}
            name={name}
            value={o.value}
            label={o.label}
            checked={chosen.includes(o.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

export const notificationsStyles = ["/assets/notifications.css?v=1"];

export function SubscriptionPage({ subscription, form }: { subscription: Subscription | null; form: FormState }) {
  const { t, locale } = usePage();
  const posted = Object.keys(form.values).length > 0;
  const v = (key: "kinds" | "areas" | "municipalities") =>
    posted ? asList(form.values[key]) : (subscription?.[key] ?? []);
  const frequency = posted ? String(form.values.frequency ?? "") : (subscription?.frequency ?? "weekly");
  const themes = posted ? String(form.values.themes ?? "") : (subscription?.themes ?? []).join(", ");
  return (
    <div class="stack">
      <Heading>{t("notifications.page.title")}</Heading>
      <p class="kern-body">{t("notifications.page.intro")}</p>
      <p class="kern-body">{subscription ? t("notifications.page.active") : t("notifications.page.none")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action="/konto/benachrichtigungen" class="form-stack">
        <RadioGroup
          name="frequency"
          legend={t("notifications.field.frequency")}
          required
          value={frequency}
          error={form.errors.frequency}
          options={[
            { value: "daily", label: t("notifications.frequency.daily") },
            { value: "weekly", label: t("notifications.frequency.weekly") },
          ]}
        />
        <CheckGroup
          name="kinds"
          legend={t("notifications.field.kinds")}
          chosen={v("kinds")}
          options={digestKinds.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))}
        />
        <CheckGroup
          name="areas"
          legend={t("notifications.field.areas")}
          chosen={v("areas")}
          options={educationAreas.map((a) => ({ value: a.id, label: locale === "en" ? a.en : a.de }))}
        />
        <CheckGroup
          name="municipalities"
          legend={t("notifications.field.municipalities")}
          chosen={v("municipalities")}
          options={municipalities.map((m) => ({ value: m, label: m }))}
        />
        <TextField
          name="themes"
          label={t("notifications.field.themes")}
          hint={t("notifications.field.themesHint")}
          value={themes}
          error={form.errors.themes}
        />
        <p class="kern-body">{t("notifications.page.nothingChosen")}</p>
        <Button>{t("notifications.action.save")}</Button>
      </Form>
      {subscription ? (
        <Form action="/konto/benachrichtigungen/abbestellen">
          <Button variant="secondary">{t("notifications.action.cancel")}</Button>
        </Form>
      ) : null}
    </div>
  );
}

export function UnsubscribePage({ token, done }: { token: string; done: boolean }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("notifications.unsubscribe.title")}</Heading>
      {done ? (
        <p class="kern-body">{t("notifications.unsubscribe.done")}</p>
      ) : (
        <>
          <p class="kern-body">{t("notifications.unsubscribe.confirm")}</p>
          <Form action={`/abbestellen/${encodeURIComponent(token)}`}>
            <Button>{t("notifications.unsubscribe.button")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}
