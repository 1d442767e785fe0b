import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/session.server";
import { may } from "~/policy";
import { coordinationDue } from "~/domain/coordination-dashboard.server";
import { DashboardDue } from "~/components/coordination/DashboardDue";
import { pageTitle } from "~/i18n/meta";
import { nameOf } from "~/i18n/reader";

export const meta = pageTitle("dashboard.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { prisma } = context.services;
  const user = await requireUser(request, context.services, context);
  const m = user.memberships[0];
  if (!m) return json({ conference: null, role: null, force: null, byStatus: null, forceCount: 0, coordination: null });
  const conference = await prisma.conference.findUniqueOrThrow({ where: { id: m.conferenceId } });
  const force = m.forceId ? await prisma.force.findUnique({ where: { id: m.forceId }, select: { nameAr: true, nameKu: true, nameEn: true } }) : null;
  const canReadAll = may(user, "invitation.read", { conferenceId: m.conferenceId, forceId: null });
  const byStatus = canReadAll
    ? Object.fromEntries(
        (await prisma.invitation.groupBy({ by: ["status"], where: { conferenceId: m.conferenceId }, _count: { _all: true } })).map((g) => [g.status, g._count._all]),
      )
    : null;
  const forceCount = may(user, "force.read", { conferenceId: m.conferenceId }) ? await prisma.force.count({ where: { conferenceId: m.conferenceId, archivedAt: null } }) : 0;
  const coordination = await coordinationDue(prisma, user, m.conferenceId);
  return json({ conference, role: m.role, force, byStatus, forceCount, coordination });
}

export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (!data.conference) return <p className="card">{t("dashboard.noConference")}</p>;
  const c = data.conference;
  const lang = i18n.language;
  const confName = nameOf(lang, c);
  const forceName = data.force ? nameOf(lang, data.force) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold" data-testid="dashboard-title">
        {t("dashboard.title")}
      </h1>
      <section className="card">
        <h2 className="text-lg font-semibold">{confName}</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("dashboard.city")}</dt>
          <dd>{c.city}</dd>
          <dt>{t("dashboard.phase")}</dt>
          <dd>{t(`phase.${c.phase}`)}</dd>
          <dt>{t("dashboard.role")}</dt>
          <dd data-testid="my-role">{t(`roles.${data.role}`)}</dd>
          {forceName ? (
            <>
              <dt>{t("dashboard.force")}</dt>
              <dd>{forceName}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {data.byStatus ? (
        <section className="card">
          <h2 className="text-lg font-semibold">{t("dashboard.invitations")}</h2>
          <p className="text-sm text-stone-600">
            {t("dashboard.forces")}: {data.forceCount}
          </p>
          <ul className="mt-2 flex flex-wrap gap-3">
            {Object.entries(data.byStatus).map(([status, n]) => (
              <li key={status} className="rounded-md bg-stone-100 px-3 py-1 text-sm">
                {t(`status.${status}`)}: <strong>{n}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.coordination ? <DashboardDue data={data.coordination} /> : null}
    </div>
  );
}
