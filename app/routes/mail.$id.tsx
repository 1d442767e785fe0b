// One mail as it was or will be received (/mail/:id, ADR 0052): its headers, state and error, the text
// part (the HTML part is made from it, shown as its source: no mail markup runs in the app's origin), and
// its attachments to download; the images the HTML part shows inline (cid:, such as the check-in QR) are
// shown under the text from the mail's own attachments, nothing else. A mail kept in the app (no SMTP)
// shows its sign-in link opened.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/context.server";
import { inlineImagesOf, readOutboxMail } from "~/domain/mail/mailbox.server";
import { asHttp } from "~/http/page.server";
import { t as translate } from "~/i18n";
import { localeOf } from "~/locale.server";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";
import { useKindName } from "~/components/mail/kind";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.mailMessage");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "mail.read");
  const locale = await localeOf(request, user.locale);
  const mail = await readOutboxMail(context.services.prisma, user, (params.id ?? "").slice(0, 64), context.services.mail.linkKey, {
    gone: translate(locale, "mail.read.gone"),
    sealed: translate(locale, "mail.read.sealed"),
  }).catch(asHttp);
  return json({
    ...mail,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt?.toISOString() ?? null,
    attachments: mail.attachments.map((a) => ({ index: a.index, filename: a.filename, contentType: a.contentType, size: a.content.length })),
    inlineImages: inlineImagesOf(mail),
  });
}

export default function MailPage() {
  const { t } = useTranslation();
  const m = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  const kindName = useKindName();
  const dir = m.locale === "ar" ? "rtl" : "ltr";
  return (
    <div className="space-y-6">
      <Link to="/mail">{t("mail.read.back")}</Link>
      <h1 className="text-2xl font-bold" dir={dir} lang={m.locale} data-testid="mail-subject">
        {m.subject}
      </h1>
      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="mail-headers">
        <dt className="font-semibold">{t("mail.read.to")}</dt>
        <dd dir="ltr">{m.to.name ? `${m.to.name} <${m.to.address}>` : m.to.address}</dd>
        <dt className="font-semibold">{t("mail.outbox.kind")}</dt>
        <dd>{kindName(m.kind)}</dd>
        <dt className="font-semibold">{t("mail.read.date")}</dt>
        <dd>{when(m.sentAt ?? m.createdAt)}</dd>
        <dt className="font-semibold">{t("mail.read.state")}</dt>
        <dd data-testid="mail-state" data-state={m.state}>
          {t(`mail.outbox.states.${m.state}`)}
        </dd>
        {m.lastError ? (
          <>
            <dt className="font-semibold">{t("mail.read.error")}</dt>
            <dd dir="ltr" className="text-red-800" data-testid="mail-error">
              {m.lastError}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("mail.read.messageId")}</dt>
        <dd dir="ltr" className="break-all text-sm">
          {m.messageId}
        </dd>
      </dl>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("mail.read.text")}</h2>
        <div dir={dir} lang={m.locale} className="whitespace-pre-wrap" data-testid="mail-text">
          {m.text}
        </div>
        {m.inlineImages.map((img) => (
          <img key={img.index} src={`/mail/${m.id}/attachments/${img.index}`} alt={img.alt} width={img.width ?? undefined} height={img.height ?? undefined} className="bg-white" data-testid="mail-inline-image" />
        ))}
        {m.hasLink ? (
          <p className="text-sm text-stone-600" data-testid="mail-link-note">
            {m.linkKept ? t("mail.read.linkKept") : m.state === "SENT" ? t("mail.read.linkGone") : null}
          </p>
        ) : null}
      </section>
      {m.attachments.length ? (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("mail.read.attachments")}</h2>
          <ul className="list-disc ps-5">
            {m.attachments.map((a) => (
              <li key={a.index}>
                <a href={`/mail/${m.id}/attachments/${a.index}`} download={a.filename} dir="ltr" className="underline" data-testid="mail-attachment">
                  {a.filename}
                </a>{" "}
                <span className="text-sm text-stone-600" dir="ltr">
                  ({a.contentType.split(";")[0]}, {a.size} B)
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details className="card">
        <summary className="cursor-pointer">{t("mail.read.html")}</summary>
        <pre dir="ltr" className="mt-2 overflow-x-auto whitespace-pre-wrap break-all text-xs" data-testid="mail-html">
          {m.html}
        </pre>
      </details>
    </div>
  );
}
