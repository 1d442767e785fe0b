// How notifications reach the reader (issue 18, ADR 0051): per kind in-app only, mail at once, a daily
// digest, or off. One plain form; an unknown kind or channel is refused whole (400) and nothing saved.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { pageParams } from "~/domain/query-params";
import { getPreferences, setPreferences } from "~/domain/notifications/preferences.server";
import { channels, kindsFor } from "~/domain/notifications/kinds";
import { asHttp, formValues, pageAction } from "~/http/page.server";
import { clientIp } from "~/http/request.server";
import { failureOf } from "~/http/page-error";
import { SelectField } from "~/components/ui/fields";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("notifications.preferences.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, role } = await requireMember(request, context, "notification.read");
  const q = pageParams(request, { saved: z.literal("1").optional() });
  const preferences = await getPreferences(context.services.prisma, user, conference.id).catch(asHttp);
  return json({ preferences, kinds: kindsFor(role), saved: !!q.saved });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "notification.read");
  const values = await formValues(request);
  return pageAction(async () => {
    await setPreferences(context.services.prisma, user, conference.id, values, { ip: clientIp(request) });
    return redirect("/notifications/preferences?saved=1");
  }, values);
}

export default function NotificationPreferences() {
  const { t } = useTranslation();
  const { preferences, kinds, saved } = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const options = channels.map((c) => ({ value: c, label: t(`notifications.channels.${c}`) }));
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/notifications">{t("notifications.preferences.back")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("notifications.preferences.title")}</h1>
      <p className="text-stone-600">{t("notifications.preferences.intro")}</p>
      {saved && !failure ? (
        <p role="status" className="notice" data-testid="preferences-saved">
          {t("notifications.preferences.saved")}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="error" data-testid="preferences-error">
          {t("notifications.preferences.invalid")}
        </p>
      ) : null}
      <Form method="post" className="card max-w-xl space-y-4" data-testid="preferences-form">
        {kinds.map((kind) => (
          <SelectField key={kind} name={kind} label={t(`notifications.kinds.${kind}`)} defaultValue={preferences[kind]} options={options} testId={`pref-${kind}`} />
        ))}
        <button type="submit" className="btn" data-testid="preferences-save">
          {t("notifications.preferences.save")}
        </button>
      </Form>
    </div>
  );
}
