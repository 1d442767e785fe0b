// The outbox (/mail, ADR 0052): every mail of the conference with its state (queued, sending, sent, failed
// with its error, kept in the app), filtered by state (a plain GET form; unknown parameters are a 400),
// page by page; organizers resend a mail with a one-button form. Below, invitations sent to forces no
// letter could reach (no contact with an address).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/context.server";
import { listOutbox, OutboxQuerySchema, sentWithoutAddress } from "~/domain/mail/mailbox.server";
import { mailStates } from "~/domain/mail/kinds";
import { resendMail } from "~/domain/mail/commands.server";
import { pageQuery } from "~/domain/query-params";
import { dispatchIntent, formString, pageAction } from "~/http/page.server";
import { failureOf } from "~/http/page-error";
import { commandMeta } from "~/http/request.server";
import { may } from "~/policy";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";
import { IntentButton } from "~/components/ui/actions";
import { ChoiceSelect } from "~/components/ui/fields";
import { PageHeader, Section } from "~/components/ui/page";
import { DataTable } from "~/components/ui/table";
import { useKindName } from "~/components/mail/kind";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("mail.outbox.title");

const PageQuery = OutboxQuerySchema.extend({ notice: z.enum(["resent"]).optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "mail.read");
  const query = pageQuery(PageQuery, new URL(request.url).searchParams);
  const { prisma } = context.services;
  const [list, noAddress] = await Promise.all([listOutbox(prisma, user, conference.id, query), sentWithoutAddress(prisma, user, conference.id)]);
  return json({
    query,
    ...list,
    rows: list.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
    noAddress,
    canManage: may(user, "mail.manage", { conferenceId: conference.id }),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "mail.manage");
  const form = await request.formData();
  return pageAction(() =>
    dispatchIntent(
      {
        resend: async () => {
          await resendMail(context.services.prisma, user, formString(form, "mailId").slice(0, 64), commandMeta(request, context.services));
          return redirect("/mail?notice=resent");
        },
      },
      form.get("intent"),
      null,
    ),
  );
}

export default function Outbox() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const when = useOfficeTime().dateTime;
  const kindName = useKindName();
  const { query } = data;
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    if (query.state) p.set("state", query.state);
    if (query.limit !== 50) p.set("limit", String(query.limit));
    if (page > 1) p.set("page", String(page));
    return `/mail${p.size ? `?${p}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("mail.outbox.title")}
        count={{ text: t("mail.outbox.count", { count: data.total }), testId: "outbox-count" }}
        actions={
          <Link to="/mail/templates" className="btn-quiet no-underline" data-testid="mail-templates-link">
            {t("mail.outbox.templates")}
          </Link>
        }
      />
      <p className="text-stone-600">{t("mail.outbox.intro")}</p>
      {query.notice ? (
        <p className="notice" role="status" data-testid="notice">
          {t("mail.outbox.resent")}
        </p>
      ) : null}
      {failure ? (
        <p className="error" role="alert" data-testid="form-error">
          {failure.error.code === "not_found" ? t("errors.notFound") : failure.error.code === "forbidden" ? t("errors.forbidden") : t("errors.generic")}
        </p>
      ) : null}
      <Form method="get" className="card flex flex-wrap items-end gap-3" data-testid="outbox-filters">
        <label className="block">
          {t("mail.outbox.state")}
          <ChoiceSelect name="state" value={query.state} empty={t("mail.outbox.any")} className="field mt-1" choices={mailStates.map((s) => ({ value: s, label: t(`mail.outbox.states.${s}`) }))} />
        </label>
        <button type="submit" className="btn">
          {t("mail.outbox.apply")}
        </button>
      </Form>
      <section className="card overflow-x-auto">
        {data.rows.length ? (
          <DataTable testId="outbox" columns={[t("mail.outbox.state"), t("mail.outbox.to"), t("mail.outbox.subject"), t("mail.outbox.kind"), t("mail.outbox.created"), t("mail.outbox.sent"), null]}>
            {data.rows.map((m) => (
              <tr key={m.id} data-testid="outbox-mail" data-state={m.state} data-kind={m.kind}>
                <td>
                  {t(`mail.outbox.states.${m.state}`)}
                  {m.state === "FAILED" && m.lastError ? (
                    <span className="block text-xs text-red-800" dir="ltr" data-testid="mail-error">
                      {m.lastError}
                    </span>
                  ) : null}
                </td>
                <td dir="ltr">{m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}</td>
                <td dir={m.locale === "ar" ? "rtl" : "ltr"} lang={m.locale}>
                  <Link to={`/mail/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{kindName(m.kind)}</td>
                <td>{when(m.createdAt)}</td>
                <td>{m.sentAt ? when(m.sentAt) : "—"}</td>
                <td>
                  {data.canManage && m.state !== "QUEUED" && m.state !== "SENDING" ? (
                    <IntentButton intent="resend" values={{ mailId: m.id }} label={t("mail.outbox.resend")} testId="mail-resend" />
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p data-testid="outbox-empty">{t("mail.outbox.empty")}</p>
        )}
      </section>
      {data.pages > 1 ? (
        <nav className="flex items-center gap-3" aria-label={t("mail.outbox.pageOf", { page: query.page, pages: data.pages })}>
          {query.page > 1 ? (
            <Link to={pageLink(query.page - 1)} className="btn-quiet">
              {t("mail.outbox.previous")}
            </Link>
          ) : null}
          <span>{t("mail.outbox.pageOf", { page: query.page, pages: data.pages })}</span>
          {query.page < data.pages ? (
            <Link to={pageLink(query.page + 1)} className="btn-quiet" data-testid="outbox-next">
              {t("mail.outbox.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
      {data.noAddress.length ? (
        <Section title={t("mail.outbox.noAddress")}>
          <p className="text-stone-600">{t("mail.outbox.noAddressIntro")}</p>
          <ul className="list-disc ps-5" data-testid="no-address">
            {data.noAddress.map((i) => (
              <li key={i.id}>
                <Link to={`/invitations/${i.id}`}>{i.force.nameAr}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
