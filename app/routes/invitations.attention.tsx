// "Needs attention": deadlines passed without an answer, confirmed without named delegates, quota exceeded.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { needsAttention } from "~/domain/invitations.server";
import { may } from "~/policy";
import { StatusBadge, forceName } from "~/components/invitations/ui";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("invitations.attention.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.read");
  if (!may(user, "invitation.read", { conferenceId: conference.id, forceId: null })) throw new Response("Forbidden", { status: 403 });
  return json(await needsAttention(context.services.prisma, user, conference.id));
}

export default function Attention() {
  const { t, i18n } = useTranslation();
  const { date } = useOfficeTime();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-3 text-2xl font-bold">{t("invitations.attention.title")}</h1>
      {rows.length === 0 ? (
        <p className="card">{t("invitations.attention.none")}</p>
      ) : (
        <ul className="space-y-2" data-testid="attention-list">
          {rows.map((r) => (
            <li key={r.id} className="card flex flex-wrap items-center gap-3" data-testid="attention-row">
              <Link to={`/invitations/${r.id}`} className="font-semibold">
                {forceName(r.force, i18n.language)}
              </Link>
              <StatusBadge status={r.status} />
              <span className="text-sm">{t("invitations.seatsOf", { named: r.namedDelegates, quota: r.seatQuota })}</span>
              {r.confirmationDeadline ? <span className="text-sm">{date(r.confirmationDeadline)}</span> : null}
              <span className="ms-auto flex flex-wrap gap-1">
                {(r.attention ?? []).map((a) => (
                  <span key={a} className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-900" data-reason={a}>
                    {t(`invitations.attention.${a}`)}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
