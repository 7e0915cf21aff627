import { Heading } from "./components.js";
import { usePage } from "./page-context.js";

export function ErrorPage({
  titleKey,
  textKey,
  text,
  params,
}: {
  titleKey: string;
  textKey?: string;
  text?: string;
  params?: Record<string, string | number>;
}) {
  return <ErrorBody titleKey={titleKey} textKey={textKey} text={text} params={params} />;
}

function ErrorBody({ titleKey, textKey, text, params }: Parameters<typeof ErrorPage>[0]) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t(titleKey)}</Heading>
      <p class="kern-body">{text ?? (textKey ? t(textKey, params) : "")}</p>
      <p>
        <a class="kern-link" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </div>
  );
}
