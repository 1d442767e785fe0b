// "What changed today" (issue 19): one day's changes to invitations, amendments, paper versions and
// outreach, for organizers and the committee (activity.read). A plain GET form filters by kind and day
// (no JavaScript needed); the rows come from the audit trail (app/domain/activity.server.ts).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/context.server";
import { listActivity, ACTIVITY_MAX } from "~/domain/activity.server";
import { activityKinds } from "~/domain/activity-kinds";
import { auditActionKey } from "~/domain/audit-kinds";
import { DomainError } from "~/domain/errors";
import { useOfficeTime } from "~/components/dates";
import { useTranslation } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("activity.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "activity.read");
  const params = new URL(request.url).searchParams;
  const input = Object.fromEntries(["kind", "day"].map((k) => [k, params.get(k) || undefined]));
  try {
    const list = await listActivity(context.services.prisma, user, conference.id, input);
    return json({ ...list, max: ACTIVITY_MAX, rows: list.rows.map((r) => ({ ...r, at: r.at.toISOString() })) });
  } catch (e) {
    if (e instanceof DomainError && e.code === "bad_request") throw new Response("Invalid filters", { status: 400 });
    throw e;
  }
}

/** Where a change can be looked at. */
function linkOf(r: { kind: string; subjectType: string; subjectId: string | null }): string | null {
  if (r.subjectType === "Invitation" && r.subjectId) return `/invitations/${r.subjectId}`;
  if (r.subjectType === "Amendment" && r.subjectId) return `/amendments/${r.subjectId}`;
  if (r.kind === "paperVersions") return "/paper/versions";
  if (r.kind === "outreach") return "/outreach";
  return null;
}

export default function Activity() {
  const { t, i18n } = useTranslation();
  const { day, kind, rows, more, max } = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("activity.title")}</h1>
      <p className="text-sm text-stone-600">{t("activity.intro")}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-3" data-testid="activity-filter">
        <label className="text-sm">
          {t("activity.kind")}
          <select name="kind" defaultValue={kind ?? ""} className="field mt-1 block">
            <option value="">{t("activity.all")}</option>
            {activityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`activity.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("activity.day")}
          <input type="date" name="day" defaultValue={day} className="field mt-1 block" required />
        </label>
        <button type="submit" className="btn">
          {t("activity.show")}
        </button>
      </Form>
      {more ? <p className="notice">{t("activity.more", { count: max })}</p> : null}
      {rows.length === 0 ? (
        <p data-testid="activity-none">{t("activity.none")}</p>
      ) : (
        <ol className="space-y-2" data-testid="activity-list">
          {rows.map((r) => {
            const href = linkOf(r);
            return (
              <li key={r.id} className="card flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm" data-testid="activity-row" data-kind={r.kind} data-action={r.action}>
                <time dateTime={r.at}>{when(r.at)}</time>
                <strong>{t(`activity.kinds.${r.kind}`)}</strong>
                {i18n.exists(auditActionKey(r.action)) ? (
                  <span data-testid="activity-what">{t(auditActionKey(r.action))}</span>
                ) : (
                  // An action without a label yet still says what happened, in its own words.
                  <code dir="ltr" className="text-xs text-stone-600" data-testid="activity-what">
                    {r.action}
                  </code>
                )}
                {r.actor ? <span>{t("activity.by", { name: r.actor })}</span> : null}
                {href ? (
                  <Link to={href} className="ms-auto">
                    {t("activity.open")}
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
