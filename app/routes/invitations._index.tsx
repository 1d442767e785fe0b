// The invitations table: same filters and search as the directory, paging, and a bulk status change
// that reports, row by row, what changed and what was refused and why. Delegates land on their own
// force's invitation instead.
import { commandMeta } from "~/http/request.server";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { forceTags } from "~/domain/forces.server";
import { bulkTransition, listInvitations, parseInvitationQuery } from "~/domain/invitations.server";
import { invitationStatuses } from "~/domain/invitation-status";
import { formString, pageAction } from "~/http/page.server";
import { may } from "~/policy";
import { ActionErrorMessage, FilterBar, Pager, StatusBadge, StatusOptions, forceName, paramsOf } from "~/components/invitations/ui";
import { useOfficeTime } from "~/components/dates";
import { nameOrderOf } from "~/locale.server";
import { ExportLinks, PageHeader } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("invitations.title");

/** A refused change (409: stale or illegal) reloads the data too, so the loser sees the current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, forceId } = await requireMember(request, context, "conference.read");
  const prisma = context.services.prisma;
  if (!may(user, "invitation.read", { conferenceId: conference.id, forceId: null })) {
    const own = forceId ? await prisma.invitation.findUnique({ where: { conferenceId_forceId: { conferenceId: conference.id, forceId } }, select: { id: true } }) : null;
    if (own) throw redirect(`/invitations/${own.id}`);
    return json({ delegateWithout: true as const });
  }
  let query;
  try {
    query = parseInvitationQuery(new URL(request.url).searchParams);
  } catch {
    throw new Response("Invalid filters", { status: 400 });
  }
  query.names = await nameOrderOf(request, user.locale);
  const [list, tags] = await Promise.all([listInvitations(prisma, user, conference.id, query), forceTags(prisma, conference.id)]);
  return json({ delegateWithout: false as const, ...list, tags, params: paramsOf(request.url), canManage: may(user, "invitation.manage", { conferenceId: conference.id }) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.manage");
  const form = await request.formData();
  const ids = form.getAll("ids").filter((x): x is string => typeof x === "string");
  if (!ids.length) return json({ error: { code: "none_selected", message: "" } }, { status: 400 });
  return pageAction(async () => {
    const res = await bulkTransition(context.services.prisma, user, conference.id, {
      to: formString(form, "to") as never,
      note: formString(form, "note") || null,
      items: ids.map((id) => {
        const v = Number(formString(form, `v.${id}`));
        return Number.isInteger(v) && v > 0 ? { id, version: v } : { id };
      }),
    }, commandMeta(request, context.services));
    return json({ result: res, to: formString(form, "to") });
  });
}

export default function InvitationsTable() {
  const { t, i18n } = useTranslation();
  const { date } = useOfficeTime();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  if (data.delegateWithout) return <p className="card">{t("invitations.noneForMe")}</p>;
  const names = new Map(data.rows.map((r) => [r.id, forceName(r.force, i18n.language)]));
  const qs = new URLSearchParams(data.params).toString();
  const bulk = result && "result" in result ? result.result : null;
  return (
    <div>
      <PageHeader
        className="mb-3"
        title={t("invitations.title")}
        count={{ text: t("invitations.count", { count: data.page.total }), testId: "invitation-count" }}
        actions={<ExportLinks path="/invitations/export" query={qs} />}
      />
      <FilterBar action="/invitations" values={data.params} tags={data.tags} withStatus="invitation" withAttention sorts={["name", "status", "kind", "region", "deadline", "updated"]} />

      {result && "error" in result ? result.error.code === "none_selected" ? <p className="error">{t("invitations.bulkNone")}</p> : <ActionErrorMessage data={result} /> : null}
      {bulk ? (
        <section className="card mb-3" aria-live="polite" data-testid="bulk-result">
          <p className="notice" data-testid="bulk-changed">
            {t("invitations.bulkChanged", { count: bulk.changed.length })}
          </p>
          {bulk.refused.length ? (
            <>
              <p className="mt-2 font-semibold" data-testid="bulk-refused">
                {t("invitations.bulkRefused", { count: bulk.refused.length })}
              </p>
              <ul className="list-disc ps-5 text-sm">
                {bulk.refused.map((r) => (
                  <li key={r.id} data-code={r.code}>
                    <strong>{names.get(r.id) ?? r.id}</strong>:{" "}
                    {r.code === "illegal_transition" && r.from && result && "to" in result && r.from === result.to
                      ? t("invitations.errors.already_in_status", { status: t(`status.${r.from}`) })
                      : r.code === "illegal_transition" && r.from
                      ? t("invitations.errors.illegal_transition", { from: t(`status.${r.from}`), to: t(`status.${result && "to" in result ? result.to : ""}`) })
                      : r.code === "stale_version"
                        ? t("invitations.errors.stale_version", { status: r.from ? t(`status.${r.from}`) : "" })
                        : t(`invitations.errors.${r.code}`, { defaultValue: r.message, message: r.message })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {data.rows.length === 0 ? (
        <p className="card" data-testid="empty">
          {t("invitations.empty")}
        </p>
      ) : (
        <Form method="post" id="bulk" className="space-y-3">
          {data.canManage ? (
            <fieldset className="card flex flex-wrap items-end gap-3">
              <legend className="sr-only">{t("invitations.bulkTitle")}</legend>
              <span className="font-semibold">{t("invitations.bulkTitle")}</span>
              <label>
                <span className="block text-xs">{t("invitations.bulkTo")}</span>
                <select name="to" className="field" data-testid="bulk-to">
                  <StatusOptions statuses={invitationStatuses} />
                </select>
              </label>
              <label className="grow">
                <span className="block text-xs">{t("invitations.bulkNote")}</span>
                <input name="note" className="field" maxLength={2000} />
              </label>
              <button type="submit" className="btn" disabled={nav.state === "submitting"} data-testid="bulk-apply">
                {t("invitations.bulkApply")}
              </button>
            </fieldset>
          ) : null}
          <div className="card overflow-x-auto p-0">
            <table className="data" data-testid="invitations-table">
              <thead>
                <tr>
                  {data.canManage ? (
                    <th>
                      <input
                        type="checkbox"
                        aria-label={t("invitations.selectAll")}
                        onChange={(e) => document.querySelectorAll<HTMLInputElement>('input[name="ids"]').forEach((c) => (c.checked = e.currentTarget.checked))}
                      />
                    </th>
                  ) : null}
                  <th>{t("invitations.force")}</th>
                  <th>{t("invitations.status")}</th>
                  <th>{t("forces.fields.kind")}</th>
                  <th>{t("forces.fields.region")}</th>
                  <th>{t("invitations.seats")}</th>
                  <th>{t("invitations.deadline")}</th>
                  {"attention" in (data.rows[0] ?? {}) ? <th>{t("invitations.tabs.attention")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} data-testid="invitation-row" data-id={r.id} data-status={r.status}>
                    {data.canManage ? (
                      <td>
                        <input type="checkbox" name="ids" value={r.id} aria-label={`${t("invitations.select")} ${names.get(r.id)}`} />
                        <input type="hidden" name={`v.${r.id}`} value={r.version} />
                      </td>
                    ) : null}
                    <td>
                      <Link to={`/invitations/${r.id}`} className="font-semibold">
                        {names.get(r.id)}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td>{t(`forces.kind.${r.force.kind}`)}</td>
                    <td>{t(`forces.region.${r.force.region}`)}</td>
                    <td className={r.namedDelegates > r.seatQuota ? "font-bold text-red-700" : ""}>{t("invitations.seatsOf", { named: r.namedDelegates, quota: r.seatQuota })}</td>
                    <td>{r.confirmationDeadline ? date(r.confirmationDeadline) : "—"}</td>
                    {"attention" in r ? <td className="text-xs">{(r.attention as string[]).map((a) => t(`invitations.attention.${a}`)).join("، ")}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Form>
      )}
      <Pager {...data.page} />
    </div>
  );
}
