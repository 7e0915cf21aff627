import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Form,
  Heading,
  Select,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { MapSetting } from "../map-outline.js";
import { carrierTypes, educationAreas, municipalityOptions, offerKinds } from "../vocab.js";

/** Reads a posted or pre-filled value as text (lists joined with ", "). */
export function text(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.join(", ");
  return undefined;
}

const list = (values: Record<string, unknown>, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : [];
};

export function OrganisationFields({
  form,
  kinds,
  withPosition = true,
  map,
}: {
  form: FormState;
  kinds: { id: string; label: string }[];
  withPosition?: boolean;
  /** With it, a click on a map fills latitude and longitude (JavaScript only). */
  map?: MapSetting | undefined;
}) {
  const { t, locale } = usePage();
  const v = (n: string) => text(form.values, n);
  const e = form.errors;
  return (
    <>
      <TextField name="name" label={t("directory.field.name")} value={v("name")} error={e.name} required />
      <Select
        name="kind"
        label={t("directory.field.kind")}
        options={kinds.map((k) => ({ value: k.id, label: k.label }))}
        value={v("kind")}
        error={e.kind}
        placeholder={t("directory.form.choose")}
        required
      />
      <CheckboxGroup
        name="areas"
        legend={t("directory.field.areas")}
        options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
        checked={list(form.values, "areas")}
        error={e.areas}
        required
      />
      <Select
        name="municipality"
        label={t("directory.field.municipality")}
        options={municipalityOptions()}
        value={v("municipality")}
        error={e.municipality}
        placeholder={t("directory.form.choose")}
        required
      />
      <Select
        name="carrierType"
        label={t("directory.field.carrierType")}
        options={carrierTypes.map((c) => ({ value: c.id, label: c[locale] }))}
        value={v("carrierType")}
        error={e.carrierType}
        placeholder={t("directory.form.none")}
      />
      <TextField
        name="carrierName"
        label={t("directory.field.carrierName")}
        value={v("carrierName")}
        error={e.carrierName}
      />
      <TextField
        name="street"
        label={t("directory.field.street")}
        value={v("street")}
        error={e.street}
        autocomplete="address-line1"
      />
      <TextField
        name="postalCode"
        label={t("directory.field.postalCode")}
        value={v("postalCode")}
        error={e.postalCode}
        inputMode="numeric"
        autocomplete="postal-code"
      />
      <TextField
        name="city"
        label={t("directory.field.city")}
        value={v("city")}
        error={e.city}
        autocomplete="address-level2"
      />
      {withPosition ? (
        <>
          <TextField
            name="lat"
            label={t("directory.field.lat")}
            hint={t("directory.form.latHint")}
            value={v("lat")}
            error={e.lat}
            inputMode="decimal"
          />
          <TextField
            name="lon"
            label={t("directory.field.lon")}
            hint={t("directory.form.lonHint")}
            value={v("lon")}
            error={e.lon}
            inputMode="decimal"
          />
          {map ? (
            // Shown by the map script only: without JavaScript the two fields are the way.
            <div class="directory-map-pick" id="directory-map-pick-wrapper" hidden>
              <p class="kern-hint" id="directory-map-pick-hint">
                {t("directory.map.pick")}
              </p>
              <div
                id="directory-map-pick"
                class="directory-map directory-map--pick"
                data-lat-field="f-lat"
                data-lon-field="f-lon"
                data-tile-url={map.tileUrl ?? ""}
                data-attribution={map.attribution ?? ""}
                data-centre={JSON.stringify(map.centre)}
                data-outline-url={map.outlineUrl}
                data-label={t("directory.map.pickLabel")}
              />
            </div>
          ) : null}
        </>
      ) : null}
      <TextField
        name="website"
        type="url"
        label={t("directory.field.website")}
        value={v("website")}
        error={e.website}
      />
      <TextField
        name="email"
        type="email"
        label={t("directory.field.orgEmail")}
        hint={t("directory.form.emailHint")}
        value={v("email")}
        error={e.email}
      />
      <TextField name="phone" type="tel" label={t("directory.field.phone")} value={v("phone")} error={e.phone} />
      <TextArea
        name="description"
        label={t("directory.field.description")}
        value={v("description")}
        error={e.description}
      />
      <TextField
        name="targetGroups"
        label={t("directory.field.targetGroups")}
        hint={t("directory.form.listHint")}
        value={v("targetGroups")}
        error={e.targetGroups}
      />
      <TextField
        name="themes"
        label={t("directory.field.themes")}
        hint={t("directory.form.listHint")}
        value={v("themes")}
        error={e.themes}
      />
      <TextField
        name="languages"
        label={t("directory.field.languages")}
        hint={t("directory.form.listHint")}
        value={v("languages")}
        error={e.languages}
      />
      <TextArea
        name="accessibility"
        label={t("directory.field.accessibility")}
        hint={t("directory.form.accessibilityHint")}
        value={v("accessibility")}
        error={e.accessibility}
        rows={3}
      />
    </>
  );
}

export function OrganisationFormPage({
  title,
  action,
  form,
  kinds,
  cancelHref,
  map,
}: {
  title: string;
  action: string;
  form: FormState;
  kinds: { id: string; label: string }[];
  cancelHref: string;
  map?: MapSetting | undefined;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{title}</Heading>
      <ErrorSummary errors={form.errors} />
      <Form action={action} class="form-stack" ariaLabel={title}>
        <OrganisationFields form={form} kinds={kinds} map={map} />
        <div class="button-row">
          <Button>{t("form.save")}</Button>
          <a class="kern-link" href={cancelHref}>
            {t("form.cancel")}
          </a>
        </div>
      </Form>
    </div>
  );
}

export function ProposalPage({ form, kinds }: { form: FormState; kinds: { id: string; label: string }[] }) {
  const { t } = usePage();
  const v = (n: string) => text(form.values, n);
  return (
    <div class="stack">
      <Heading>{t("directory.propose.title")}</Heading>
      <p class="kern-body">{t("directory.propose.intro")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action="/akteure/vorschlagen" class="form-stack" ariaLabel={t("directory.propose.title")}>
        <h2 class="kern-heading kern-heading-medium">{t("directory.propose.organisation")}</h2>
        <OrganisationFields form={form} kinds={kinds} withPosition={false} />
        <h2 class="kern-heading kern-heading-medium">{t("directory.propose.you")}</h2>
        <TextField
          name="proposerName"
          label={t("directory.propose.name")}
          value={v("proposerName")}
          error={form.errors.proposerName}
          autocomplete="name"
          required
        />
        <TextField
          name="proposerEmail"
          type="email"
          label={t("directory.propose.email")}
          hint={t("directory.propose.emailHint")}
          value={v("proposerEmail")}
          error={form.errors.proposerEmail}
          autocomplete="email"
          required
        />
        <TextArea
          name="proposalNote"
          label={t("directory.propose.note")}
          value={v("proposalNote")}
          error={form.errors.proposalNote}
          rows={3}
        />
        <div class="directory-honeypot" aria-hidden="true">
          <label for="f-homepage">{t("directory.propose.honeypot")}</label>
          <input id="f-homepage" name="homepage" type="text" tabIndex={-1} autocomplete="off" />
        </div>
        <p class="kern-body kern-body--small">{t("directory.propose.privacy")}</p>
        <Button>{t("directory.propose.submit")}</Button>
      </Form>
    </div>
  );
}

export function OfferFormPage({
  title,
  organisationName,
  action,
  form,
  cancelHref,
}: {
  title: string;
  organisationName: string;
  action: string;
  form: FormState;
  cancelHref: string;
}) {
  const { t, locale } = usePage();
  const v = (n: string) => text(form.values, n);
  const e = form.errors;
  const ongoing = form.values.ongoing === true || form.values.ongoing === "on";
  return (
    <div class="stack">
      <Heading>{title}</Heading>
      <p class="kern-body">{t("directory.offer.of", { name: organisationName })}</p>
      <ErrorSummary errors={form.errors} />
      <Form action={action} class="form-stack" ariaLabel={title}>
        <TextField name="title" label={t("directory.offer.field.title")} value={v("title")} error={e.title} required />
        <Select
          name="kind"
          label={t("directory.offer.field.kind")}
          options={offerKinds.map((k) => ({ value: k.id, label: k[locale] }))}
          value={v("kind")}
          error={e.kind}
          placeholder={t("directory.form.choose")}
          required
        />
        <TextArea
          name="description"
          label={t("directory.field.description")}
          value={v("description")}
          error={e.description}
        />
        <TextField
          name="targetGroup"
          label={t("directory.field.targetGroup")}
          value={v("targetGroup")}
          error={e.targetGroup}
        />
        <TextField
          name="ageFrom"
          type="number"
          min={0}
          max={120}
          label={t("directory.offer.field.ageFrom")}
          value={v("ageFrom")}
          error={e.ageFrom}
        />
        <TextField
          name="ageTo"
          type="number"
          min={0}
          max={120}
          label={t("directory.offer.field.ageTo")}
          value={v("ageTo")}
          error={e.ageTo}
        />
        <Select
          name="area"
          label={t("directory.field.area")}
          options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
          value={v("area")}
          error={e.area}
          placeholder={t("directory.form.none")}
        />
        <TextField name="cost" label={t("directory.offer.field.cost")} value={v("cost")} error={e.cost} />
        <TextArea
          name="accessRequirements"
          label={t("directory.offer.field.access")}
          value={v("accessRequirements")}
          error={e.accessRequirements}
          rows={3}
        />
        <TextField
          name="languages"
          label={t("directory.field.languages")}
          hint={t("directory.form.listHint")}
          value={v("languages")}
          error={e.languages}
        />
        <Checkbox name="ongoing" label={t("directory.offer.field.ongoing")} checked={ongoing} error={e.ongoing} />
        <TextField
          name="startsOn"
          type="date"
          label={t("directory.offer.field.startsOn")}
          hint={t("directory.offer.field.datesHint")}
          value={v("startsOn")}
          error={e.startsOn}
        />
        <TextField
          name="endsOn"
          type="date"
          label={t("directory.offer.field.endsOn")}
          value={v("endsOn")}
          error={e.endsOn}
        />
        <TextField
          name="schedule"
          label={t("directory.offer.field.schedule")}
          hint={t("directory.offer.field.scheduleHint")}
          value={v("schedule")}
          error={e.schedule}
        />
        <TextField name="place" label={t("directory.offer.field.place")} value={v("place")} error={e.place} />
        <TextArea
          name="contact"
          label={t("directory.offer.field.contact")}
          value={v("contact")}
          error={e.contact}
          rows={2}
        />
        <div class="button-row">
          <Button>{t("form.save")}</Button>
          <a class="kern-link" href={cancelHref}>
            {t("form.cancel")}
          </a>
        </div>
      </Form>
    </div>
  );
}
