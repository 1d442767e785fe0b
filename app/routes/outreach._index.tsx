import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { OutreachFilter, listOutreach, openFollowUps, outreachTargets } from "~/domain/outreach.server";
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";

import { outreachChannels } from "~/domain/coordination-enums";
import { may } from "~/policy";
import { Day, DueBadge, useName } from "~/components/coordination/ui";
import { FollowUpList } from "~/components/coordination/FollowUps";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.outreach.title");

const PAGE = 30;

/** The log's filters as the page's form sends them, with its page number and the notice after a deletion. */
const PageQuery = OutreachFilter.omit({ take: true, skip: true }).extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  deleted: z.literal("1").optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.read");
  const { prisma } = context.services;
  // A hand-edited URL with a bad filter is a 400 (ADR 0033), not a silently unfiltered log.
  const { page, deleted: _, ...filter } = pageQuery(PageQuery, new URL(request.url).searchParams);
  const list = await listOutreach(prisma, user, conference.id, { ...filter, take: PAGE, skip: (page - 1) * PAGE });
  const [mine, targets] = await Promise.all([openFollowUps(prisma, user, conference.id, { ownerId: user.id, withinDays: 7 }), outreachTargets(prisma, user, conference.id)]);
  return json({
    list,
    mine,
    forces: targets.forces.map(({ contacts: _, ...f }) => f),
    canWrite: may(user, "outreach.write", { conferenceId: conference.id }),
  });
}

export default function OutreachLog() {
  const { t } = useTranslation();
  const name = useName();
  const { list, mine, forces, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("page") ?? 1));
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  const hasPrev = page > 1;
  const hasNext = page * PAGE < list.total;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{t("coordination.outreach.title")}</h1>
        <nav className="flex gap-3 text-sm" aria-label={t("coordination.outreach.related")}>
          <Link to="/outreach/follow-ups">{t("coordination.outreach.followUps")}</Link>
          <Link to="/representations">{t("coordination.nav.representations")}</Link>
        </nav>
        {canWrite ? (
          <Link to="/outreach/new" className="btn ms-auto no-underline" data-testid="outreach-new">
            {t("coordination.outreach.new")}
          </Link>
        ) : null}
      </div>
      <p className="text-stone-600">{t("coordination.outreach.intro")}</p>

      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title" className="mb-2 font-semibold">
          {t("coordination.outreach.myFollowUps")}
        </h2>
        <FollowUpList entries={mine} canWrite={canWrite} showOwner={false} testId="my-follow-ups" />
      </section>

      <Form method="get" className="card flex flex-wrap items-end gap-3 text-sm" aria-label={t("coordination.outreach.filter")}>
        <label>
          {t("coordination.outreach.force")}
          <select name="forceId" defaultValue={params.get("forceId") ?? ""} className="field mt-1">
            <option value="">{t("coordination.outreach.allForces")}</option>
            {forces.map((f) => (
              <option key={f.id} value={f.id}>
                {name(f)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("coordination.outreach.channel")}
          <select name="channel" defaultValue={params.get("channel") ?? ""} className="field mt-1">
            <option value="">{t("coordination.outreach.allChannels")}</option>
            {outreachChannels.map((c) => (
              <option key={c} value={c}>
                {t(`coordination.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("coordination.outreach.from")}
          <input type="date" name="from" defaultValue={params.get("from") ?? ""} className="field mt-1" />
        </label>
        <label>
          {t("coordination.outreach.to")}
          <input type="date" name="to" defaultValue={params.get("to") ?? ""} className="field mt-1" />
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" name="openFollowUps" value="1" defaultChecked={params.get("openFollowUps") === "1"} />
          {t("coordination.outreach.openFollowUps")}
        </label>
        <button type="submit" className="btn-quiet">
          {t("coordination.outreach.filter")}
        </button>
      </Form>

      <p className="text-sm text-stone-600">{t("coordination.outreach.count", { count: list.total })}</p>
      {list.entries.length ? (
        <table className="data" data-testid="outreach-table">
          <thead>
            <tr>
              <th>{t("coordination.outreach.occurredOn")}</th>
              <th>{t("coordination.outreach.channel")}</th>
              <th>{t("coordination.outreach.withWhom")}</th>
              <th>{t("coordination.outreach.summary")}</th>
              <th>{t("coordination.outreach.followUpSection")}</th>
            </tr>
          </thead>
          <tbody>
            {list.entries.map((e) => (
              <tr key={e.id} data-testid="outreach-row">
                <td className="whitespace-nowrap">
                  <Link to={`/outreach/${e.id}`}>
                    <Day day={e.occurredOn} />
                  </Link>
                </td>
                <td>{t(`coordination.channel.${e.channel}`)}</td>
                <td>
                  {e.force ? <Link to={`/outreach/forces/${e.force.id}`}>{name(e.force)}</Link> : null}
                  {e.contact ? <div className="text-stone-600">{e.contact.name}</div> : null}
                  {e.representation ? (
                    <div>
                      <Link to={`/representations/${e.representation.id}`}>{e.representation.country}</Link>
                    </div>
                  ) : null}
                </td>
                <td dir="auto" className="max-w-md">
                  {e.summary.length > 160 ? `${e.summary.slice(0, 160)}…` : e.summary}
                </td>
                <td>
                  {e.followUp ? (
                    <div className="space-y-1">
                      <DueBadge state={e.followUp.state} /> <span dir="auto">{e.followUp.what}</span>
                      <div className="text-xs text-stone-600">
                        <Day day={e.followUp.due} /> · {e.followUp.owner?.name}
                      </div>
                    </div>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="card">{t("coordination.outreach.empty")}</p>
      )}
      {hasPrev || hasNext ? (
        <nav className="flex gap-3 text-sm" aria-label={t("coordination.outreach.pages")}>
          {hasPrev ? <Link to={pageLink(page - 1)}>{t("coordination.outreach.prev")}</Link> : null}
          {hasNext ? <Link to={pageLink(page + 1)}>{t("coordination.outreach.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
