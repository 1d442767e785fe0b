import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { forceTimeline } from "~/domain/outreach.server";
import { may } from "~/policy";
import { Day, DueBadge, useName } from "~/components/coordination/ui";
import { asHttp } from "~/http/page.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.outreach.timeline");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.read");
  const timeline = await forceTimeline(context.services.prisma, user, conference.id, params.forceId!).catch(asHttp);
  return json({ ...timeline, canWrite: may(user, "outreach.write", { conferenceId: conference.id }) });
}

export default function ForceTimeline() {
  const { t } = useTranslation();
  const name = useName();
  const { force, items, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/outreach">{t("coordination.outreach.title")}</Link>
      </nav>
      <header className="card space-y-1">
        <h1 className="text-2xl font-bold" data-testid="timeline-force">
          {name(force)}
        </h1>
        <p className="text-sm text-stone-600">
          {t(`coordination.forceKind.${force.kind}`)} · {force.isMember ? t("coordination.outreach.member") : t("coordination.outreach.outside")}
          {force.city ? ` · ${force.city}` : ""}
          {force.country ? ` · ${force.country}` : ""}
          {force.invitations[0] ? ` · ${t(`status.${force.invitations[0].status}`)}` : ""}
        </p>
        {force.archivedAt ? <p className="text-sm text-amber-800">{t("coordination.outreach.archived")}</p> : null}
        {force.contacts.length ? (
          <div className="pt-2">
            <h2 className="text-sm font-semibold">{t("coordination.outreach.contacts")}</h2>
            <ul className="text-sm">
              {force.contacts.map((c) => (
                <li key={c.id} id={`contact-${c.id}`}>
                  {c.name}
                  {c.role ? ` — ${c.role}` : ""}
                  {canWrite ? (
                    <>
                      {" · "}
                      <Link className="underline" to={`/outreach/new?forceId=${force.id}&contactId=${c.id}`}>{t("coordination.outreach.new")}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {canWrite ? (
          <Link to={`/outreach/new?forceId=${force.id}`} className="btn mt-2 no-underline" data-testid="log-with-force">
            {t("coordination.outreach.logWith")}
          </Link>
        ) : null}
      </header>

      <section aria-labelledby="tl-title">
        <h2 id="tl-title" className="mb-2 text-lg font-semibold">
          {t("coordination.outreach.timeline")}
        </h2>
        {items.length ? (
          <ol className="relative space-y-3 border-s-2 border-stone-200 ps-4" data-testid="timeline">
            {items.map((i) => (
              <li key={`${i.kind}-${i.id}`} className="card" data-kind={i.kind} data-testid="timeline-item">
                <p className="text-xs text-stone-500">
                  <Day day={i.day} />
                </p>
                {i.kind === "outreach" ? (
                  <div>
                    <Link to={`/outreach/${i.entry.id}`} className="font-medium">
                      {t(`coordination.channel.${i.entry.channel}`)}
                      {i.entry.contact ? ` · ${i.entry.contact.name}` : ""}
                    </Link>
                    <p dir="auto" className="whitespace-pre-wrap text-sm">
                      {i.entry.summary}
                    </p>
                    {i.entry.outcome ? (
                      <p dir="auto" className="text-sm text-stone-700">
                        {t("coordination.outreach.outcome")}: {i.entry.outcome}
                      </p>
                    ) : null}
                    {i.entry.followUp ? (
                      <p className="mt-1 text-sm">
                        <DueBadge state={i.entry.followUp.state} /> <span dir="auto">{i.entry.followUp.what}</span> · <Day day={i.entry.followUp.due} />
                      </p>
                    ) : null}
                  </div>
                ) : i.kind === "invitation" ? (
                  <p>
                    {i.from
                      ? t("coordination.outreach.invitationEvent", { from: t(`status.${i.from}`), to: t(`status.${i.to}`) })
                      : t("coordination.outreach.invitationCreated", { to: t(`status.${i.to}`) })}
                    {i.actor ? <span className="text-sm text-stone-600"> · {t("coordination.outreach.by", { name: i.actor })}</span> : null}
                    {i.note ? <span className="block text-sm" dir="auto">{i.note}</span> : null}
                  </p>
                ) : (
                  <p>
                    <Link to={`/amendments/${i.amendmentId}`}>
                      {t("coordination.outreach.amendmentEvent", { type: t(`coordination.amendmentType.${i.type}`), to: t(`coordination.amendmentState.${i.to}`) })}
                    </Link>
                    {i.sectionTitle ? <span className="block text-sm text-stone-600">{i.sectionTitle}</span> : null}
                    {i.note ? <span className="block text-sm" dir="auto">{i.note}</span> : null}
                  </p>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="card">{t("coordination.outreach.timelineEmpty")}</p>
        )}
      </section>
    </div>
  );
}
