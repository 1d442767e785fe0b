// The conference's mail wording and settings (/mail/templates, ADR 0052): per kind and language the
// subject and text as sent now (built-in or the conference's own), with the names each may use; save
// (a name the kind does not know is a field error) or go back to the built-in wording; and the reminder
// days, time zone and venue letters and reminders read. Plain POST forms, each answered by a redirect.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/context.server";
import { officeTimeZone } from "~/domain/due-dates";
import { mailTemplatesOf, resetMailTemplate, saveMailTemplate, updateMailSettings } from "~/domain/mail/settings.server";
import { catalogueKeyOf } from "~/domain/mail/kinds";
import { pageParams } from "~/domain/query-params";
import { dispatchIntent, formValues, pageAction } from "~/http/page.server";
import { failureOf, type PageFailure } from "~/http/page-error";
import { commandMeta } from "~/http/request.server";
import { may } from "~/policy";
import { useTranslation } from "~/i18n/react";
import { IntentButton } from "~/components/ui/actions";
import { PageHeader, Section } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("mail.edit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "mail.read");
  const { notice } = pageParams(request, { notice: z.enum(["saved", "reset", "settings"]).optional() });
  return json({
    notice: notice ?? null,
    kinds: await mailTemplatesOf(context.services.prisma, user, conference.id),
    settings: { reminderDays: conference.reminderDays.join(", "), timeZone: conference.timeZone ?? "", venue: conference.venue ?? "" },
    officeZone: officeTimeZone(),
    canManage: may(user, "mail.manage", { conferenceId: conference.id }),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "mail.manage");
  const values = await formValues(request);
  const { prisma } = context.services;
  const meta = commandMeta(request, context.services);
  const anchor = `#t-${values.kind ?? ""}-${values.locale ?? ""}`;
  return pageAction(
    () =>
      dispatchIntent(
        {
          save: async () => {
            await saveMailTemplate(prisma, user, conference.id, { kind: values.kind ?? "", locale: values.locale as never, subject: values.subject ?? "", body: values.body ?? "" }, meta);
            return redirect(`/mail/templates?notice=saved${anchor}`);
          },
          reset: async () => {
            await resetMailTemplate(prisma, user, conference.id, { kind: values.kind, locale: values.locale }, meta);
            return redirect(`/mail/templates?notice=reset${anchor}`);
          },
          settings: async () => {
            await updateMailSettings(prisma, user, conference.id, { reminderDays: values.reminderDays ?? "", timeZone: values.timeZone ?? "", venue: values.venue ?? "" }, meta);
            return redirect("/mail/templates?notice=settings");
          },
        },
        values.intent ?? null,
        null,
      ),
    values,
  );
}

/** A field's broken rule in the reader's words; unknown placeholders are named. */
function FieldMessage({ failure, name }: { failure: PageFailure | null; name: string }) {
  const { t } = useTranslation();
  const rule = failure?.error.fieldErrors?.[name]?.[0];
  if (!rule) return null;
  const unknown = (failure?.error.details?.unknown as Record<string, string[]> | undefined)?.[name];
  const text =
    rule === "unknownPlaceholder" && unknown
      ? t("mail.edit.unknownPlaceholders", { names: unknown.map((n) => `{{${n}}}`).join("، ") })
      : name === "reminderDays"
        ? t("mail.settings.badDays")
        : name === "timeZone"
          ? t("mail.settings.badZone")
          : t(`mail.edit.${rule === "required" || rule === "tooLong" ? rule : "invalid"}`);
  return (
    <p className="mt-1 text-sm text-red-800" id={`${name}-error`} role="alert" data-testid={`error-${name}`}>
      {text}
    </p>
  );
}

/** Only those who may change the mail get the button (the page reads the same for mail.read alone). */
const SaveButton = ({ show, label, testId }: { show: boolean; label: string; testId: string }) =>
  show ? (
    <button type="submit" className="btn" data-testid={testId}>
      {label}
    </button>
  ) : null;

export default function MailTemplates() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const sent = failure?.values ?? {};
  const settingsFailure = sent.intent === "settings" ? failure : null;
  const settings = settingsFailure ? { reminderDays: sent.reminderDays ?? "", timeZone: sent.timeZone ?? "", venue: sent.venue ?? "" } : data.settings;
  const readOnly = !data.canManage;
  return (
    <div className="space-y-6">
      <PageHeader title={t("mail.edit.title")} actions={<Link to="/mail" className="btn-quiet no-underline">{t("mail.read.back")}</Link>} />
      <p className="text-stone-600">{t("mail.edit.intro", { example: "{{force}}" })}</p>
      {data.notice ? (
        <p className="notice" role="status" data-testid="notice">
          {t(data.notice === "settings" ? "mail.settings.saved" : data.notice === "reset" ? "mail.edit.wasReset" : "mail.edit.saved")}
        </p>
      ) : null}
      {failure && !failure.error.fieldErrors ? (
        <p className="error" role="alert" data-testid="form-error">
          {failure.error.code === "forbidden" ? t("errors.forbidden") : t("mail.edit.invalid")}
        </p>
      ) : null}

      <Section title={t("mail.settings.title")}>
        <Form method="post" className="space-y-3" data-testid="mail-settings">
          <input type="hidden" name="intent" value="settings" />
          <label className="block">
            {t("mail.settings.reminderDays")}
            <input name="reminderDays" defaultValue={settings.reminderDays} className="field mt-1" dir="ltr" required readOnly={readOnly} data-testid="field-reminderDays" aria-describedby="reminderDays-hint" />
            <span className="block text-sm text-stone-600" id="reminderDays-hint">
              {t("mail.settings.reminderDaysHint")}
            </span>
            <FieldMessage failure={settingsFailure} name="reminderDays" />
          </label>
          <label className="block">
            {t("mail.settings.timeZone")}
            <input name="timeZone" defaultValue={settings.timeZone} className="field mt-1" dir="ltr" placeholder={data.officeZone} readOnly={readOnly} data-testid="field-timeZone" />
            <span className="block text-sm text-stone-600">{t("mail.settings.timeZoneHint", { zone: data.officeZone })}</span>
            <FieldMessage failure={settingsFailure} name="timeZone" />
          </label>
          <label className="block">
            {t("mail.settings.venue")}
            <input name="venue" defaultValue={settings.venue} className="field mt-1" dir="auto" maxLength={300} readOnly={readOnly} data-testid="field-venue" />
            <FieldMessage failure={settingsFailure} name="venue" />
          </label>
          <SaveButton show={data.canManage} label={t("mail.settings.save")} testId="settings-save" />
        </Form>
      </Section>

      {data.kinds.map((k) => (
        <Section key={k.kind} title={t(`mail.outbox.kinds.${catalogueKeyOf(k.kind)}`)}>
          <p className="text-sm">
            {t("mail.edit.placeholders")}:{" "}
            <span dir="ltr" data-testid={`placeholders-${k.kind}`}>
              {k.placeholders.map((p) => (
                <code key={p} className="me-2">{`{{${p}}}`}</code>
              ))}
            </span>
          </p>
          {k.languages.map((l) => {
            const mine = sent.intent === "save" && sent.kind === k.kind && sent.locale === l.locale ? failure : null;
            const id = `t-${k.kind}-${l.locale}`;
            return (
              <div key={l.locale} id={id} className="border-t border-stone-200 pt-3" data-testid={id}>
                <h3 className="font-semibold">
                  {t(`mail.edit.languages.${l.locale}`)} — <span className="text-sm font-normal text-stone-600">{l.custom ? t("mail.edit.custom") : t("mail.edit.builtIn")}</span>
                </h3>
                <Form method="post" className="mt-2 space-y-2">
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="kind" value={k.kind} />
                  <input type="hidden" name="locale" value={l.locale} />
                  <label className="block">
                    {t("mail.edit.subject")}
                    <input name="subject" defaultValue={mine ? (sent.subject ?? "") : l.subject} className="field mt-1" dir={l.locale === "ar" ? "rtl" : "ltr"} lang={l.locale} maxLength={300} required readOnly={readOnly} data-testid="field-subject" />
                    <FieldMessage failure={mine} name="subject" />
                  </label>
                  <label className="block">
                    {t("mail.edit.body")}
                    <textarea name="body" defaultValue={mine ? (sent.body ?? "") : l.body} rows={10} className="field mt-1" dir={l.locale === "ar" ? "rtl" : "ltr"} lang={l.locale} required readOnly={readOnly} data-testid="field-body" />
                    <FieldMessage failure={mine} name="body" />
                  </label>
                  <SaveButton show={data.canManage} label={t("mail.edit.save")} testId="template-save" />
                </Form>
                {data.canManage && l.custom ? (
                  <IntentButton intent="reset" values={{ kind: k.kind, locale: l.locale }} label={t("mail.edit.reset")} formClassName="mt-2" testId="template-reset" />
                ) : null}
              </div>
            );
          })}
        </Section>
      ))}
    </div>
  );
}
