// The amendments home: the committee's review queue (filters, paper order, overlaps, live), the
// force's own amendments and published decisions, the window and publication controls.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { may, proposingForce, type Actor } from "~/policy";
import type { PrismaClient } from "@prisma/client";
import { addPhase, deletePhase, forceLeadOf, forcesIn, setForceLead, listAmendments, publishDecisions, setAmendmentWindow, updatePhase, windowAt, windowView, type AmendmentSummary } from "~/domain/amendments.server";
import { amendmentStates, amendmentTypes } from "~/domain/amendment-states";
import { AMENDMENT_PAGE_PARAMS, amendmentDeps, filtersFrom, pagePaper } from "~/http/amendments-page.server";
import { pageAction } from "~/http/page.server";
import { DomainError } from "~/domain/errors";
import { instantOf, localDateTime } from "~/domain/local-time";
import { dateTimeIn, zoneLabel } from "~/i18n/reader";
import { conferenceZone } from "~/domain/due-dates";
import { Countdown } from "~/components/amendments/Countdown";
import { ErrorNotice, Notice, StateBadge, useForceName, useLiveUpdates } from "~/components/amendments/ui";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("amendments.title");

const forceKinds = ["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, role, forceId } = await requireMember(request, context, "amendment.read");
  const url = new URL(request.url);
  const { paper, papers } = await pagePaper(request, context, conference.id);
  const filters = filtersFrom(url, { paper: AMENDMENT_PAGE_PARAMS.paper, notice: AMENDMENT_PAGE_PARAMS.notice });
  const list = await listAmendments(amendmentDeps(context), user, paper.id, filters);
  const unfiltered = Object.keys(filters).length ? await listAmendments(amendmentDeps(context), user, paper.id) : list;
  const conf = conference.id;
  const zone = conferenceZone(conference);
  const now = new Date();
  const w = await windowAt(context.services.prisma, conf, now);
  const leads = await leadsFor(context.services.prisma, user, conf, forceId);
  const force = forceId ? await context.services.prisma.force.findUnique({ where: { id: forceId }, select: { id: true, nameAr: true, nameKu: true, nameEn: true } }) : null;
  return json({
    conferenceId: conf,
    paper,
    papers,
    role,
    force,
    items: list.items,
    sections: list.sections,
    counts: list.counts,
    forces: forcesIn(unfiltered.items),
    filters,
    window: {
      ...windowView(w, now),
      // The forms speak the conference's wall clock; the database keeps instants.
      timeZone: zone,
      phases: w.phases.map((p) => ({
        id: p.id,
        name: p.name,
        number: w.numberOf(p),
        openAt: p.openAt.toISOString(),
        closeAt: p.closeAt.toISOString(),
        openAtLocal: localDateTime(p.openAt, zone),
        closeAtLocal: localDateTime(p.closeAt, zone),
      })),
    },
    leads,
    publishedAt: conference.decisionsPublishedAt,
    can: {
      propose: !!proposingForce(user, conf),
      review: may(user, "amendment.review", { conferenceId: conf }),
      window: may(user, "amendment.window", { conferenceId: conf }),
      publish: may(user, "amendment.decide", { conferenceId: conf }),
    },
    notice: url.searchParams.get("notice"),
  });
}

/**
 * Who signs off for which force (ADR 0061): a delegate sees their force's lead (and may name another if
 * they are it); organizers see every force that has delegates. Each row: the delegates to choose from.
 */
async function leadsFor(prisma: PrismaClient, user: Actor, conferenceId: string, ownForce: string | null) {
  const all = may(user, "force.lead", { conferenceId, forceId: null, forceLeadId: null });
  if (!all && !ownForce) return [];
  const members = await prisma.membership.findMany({
    where: { conferenceId, role: "DELEGATE", forceId: all ? { not: null } : ownForce },
    select: { forceId: true, user: { select: { id: true, name: true } }, force: { select: { id: true, nameAr: true, nameKu: true, nameEn: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byForce = new Map<string, { force: { id: string; nameAr: string; nameKu: string | null; nameEn: string | null }; delegates: { id: string; name: string }[] }>();
  for (const m of members) {
    if (!m.force) continue;
    const row = byForce.get(m.force.id) ?? { force: m.force, delegates: [] };
    row.delegates.push(m.user);
    byForce.set(m.force.id, row);
  }
  return Promise.all(
    [...byForce.values()].map(async (row) => {
      const lead = await forceLeadOf(prisma, row.force.id);
      return { ...row, leadId: lead, canSet: may(user, "force.lead", { conferenceId, forceId: row.force.id, forceLeadId: lead }) };
    }),
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "amendment.read");
  const form = await request.formData();
  const intent = form.get("intent");
  const deps = amendmentDeps(context, request);
  return pageAction(async () => {
    const zone = conferenceZone(conference);
    const at = (k: string) => {
      const v = String(form.get(k) ?? "").trim().slice(0, 40);
      if (!v) return null;
      const instant = instantOf(v, zone);
      if (!instant) throw new DomainError("bad_request", `${k}: not a date and time (${v})`, { reason: "badTime", fields: [k] });
      return instant;
    };
    const phase = () => ({ name: String(form.get("name") ?? "").slice(0, 1000), openAt: at("openAt"), closeAt: at("closeAt") });
    // The single window of old: sets the first phase (kept for old forms and bookmarks).
    if (intent === "window") {
      await setAmendmentWindow(deps, user, conference.id, { openAt: at("openAt"), closeAt: at("closeAt") });
      return redirect("/amendments?notice=window");
    }
    if (intent === "phase-add") {
      await addPhase(deps, user, conference.id, phase());
      return redirect("/amendments?notice=phaseSaved");
    }
    if (intent === "phase-update") {
      await updatePhase(deps, user, conference.id, { ...phase(), id: String(form.get("id") ?? "") });
      return redirect("/amendments?notice=phaseSaved");
    }
    if (intent === "phase-delete") {
      await deletePhase(deps, user, conference.id, String(form.get("id") ?? ""));
      return redirect("/amendments?notice=phaseDeleted");
    }
    if (intent === "lead") {
      await setForceLead(deps, user, conference.id, String(form.get("forceId") ?? "").slice(0, 64), { userId: String(form.get("userId") ?? "").slice(0, 64) });
      return redirect("/amendments?notice=lead");
    }
    if (intent === "publish") {
      await publishDecisions(deps, user, conference.id);
      return redirect("/amendments?notice=published");
    }
    throw new Response("Unknown action", { status: 400 });
  });
}

export default function AmendmentsHome() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useKeptActionData<typeof action>() as { error?: never } | undefined;
  const forceName = useForceName();
  const [params] = useSearchParams();
  useLiveUpdates(data.conferenceId, ["amendment:submitted", "amendment:changed", "amendment:decided", "amendments:published", "amendments:window"]);
  // The conference's wall clock, with the zone named: delegates abroad read it too.
  const fmt = (d: string | null) => (d ? `${dateTimeIn(i18n.language, new Date(d), data.window.timeZone)} — ${zoneLabel(i18n.language, data.window.timeZone, new Date(d))}` : "");
  const w = data.window;
  const phaseName = (p: { name: string; number: number }) => p.name || t("amendments.phases.numbered", { n: p.number });
  const shown = w.current ?? w.next ?? w.last;
  const windowLine = t(`amendments.window.${w.state}`, { date: fmt(w.state === "notYetOpen" ? (w.next?.openAt ?? null) : w.state === "open" ? (w.current?.closeAt ?? null) : (w.last?.closeAt ?? null)) });
  const own = data.force ? data.items.filter((s) => s.force.id === data.force!.id) : [];
  const others = data.force ? data.items.filter((s) => s.force.id !== data.force!.id) : data.items;
  const q = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(params.get("paper") ? { paper: params.get("paper")! } : {}), ...extra })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="amendments-title">
          {data.can.review ? t("amendments.queue") : data.force ? t("amendments.mine", { force: forceName(data.force) }) : t("amendments.title")}
        </h1>
        <span className="text-sm text-stone-600">{data.paper.title}</span>
        <div className="ms-auto flex flex-wrap gap-2">
          {data.can.propose ? (
            <Link to={`/amendments/new${q({})}`} className="btn no-underline" data-testid="propose-link">
              {t("amendments.propose")}
            </Link>
          ) : null}
          <Link to={`/amendments/table${q({})}`} className="btn-quiet no-underline">
            {t("amendments.table")}
          </Link>
        </div>
      </div>
      <Notice notice={data.notice} />
      <ErrorNotice error={(actionData as { error?: Parameters<typeof ErrorNotice>[0]["error"] })?.error} />

      <section className="card space-y-2" aria-labelledby="window-title">
        <h2 id="window-title" className="font-semibold">
          {t("amendments.window.title")}
        </h2>
        <p data-testid="window-state" data-state={w.state}>
          {shown ? <strong data-testid="window-phase">{phaseName(shown)}: </strong> : null}
          {windowLine}{" "}
          {w.current ? <Countdown to={w.current.closeAt} now={w.now} /> : w.next ? <Countdown to={w.next.openAt} now={w.now} testId="countdown-open" /> : null}
        </p>
        {w.state === "closed" && w.next ? <p className="text-sm text-stone-600" data-testid="window-next">{t("amendments.phases.nextOpens", { phase: phaseName(w.next), date: fmt(w.next.openAt) })}</p> : null}
        {data.can.window ? (
          <div className="space-y-3" data-testid="phases">
            <p className="w-full text-sm text-stone-600" data-testid="window-zone">
              {t("amendments.window.zone", { zone: zoneLabel(i18n.language, w.timeZone, new Date(w.now)) })}
            </p>
            {w.phases.length ? null : <p className="text-sm" data-testid="no-phases">{t("amendments.phases.none")}</p>}
            {w.phases.map((p) => (
              <div key={p.id} className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-2" data-testid="phase" data-phase-id={p.id}>
                <Form method="post" className="flex flex-wrap items-end gap-3">
                  <input type="hidden" name="intent" value="phase-update" />
                  <input type="hidden" name="id" value={p.id} />
                  <PhaseFields name={p.name} openAt={p.openAtLocal} closeAt={p.closeAtLocal} placeholder={t("amendments.phases.numbered", { n: p.number })} />
                  <button className="btn-quiet" type="submit" data-testid="phase-save">
                    {t("amendments.phases.save")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="phase-delete" />
                  <input type="hidden" name="id" value={p.id} />
                  <button className="btn-quiet" type="submit" data-testid="phase-delete">
                    {t("amendments.phases.delete", { phase: phaseName(p) })}
                  </button>
                </Form>
              </div>
            ))}
            <Form method="post" className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-2" data-testid="phase-add-form">
              <input type="hidden" name="intent" value="phase-add" />
              <PhaseFields name="" openAt="" closeAt="" placeholder={t("amendments.phases.numbered", { n: w.phases.length + 1 })} />
              <button className="btn-quiet" type="submit" data-testid="phase-add">
                {t("amendments.phases.add")}
              </button>
            </Form>
          </div>
        ) : null}
        {data.can.publish ? (
          <Form method="post" className="flex items-center gap-3">
            <input type="hidden" name="intent" value="publish" />
            <button className="btn-quiet" type="submit" data-testid="publish">
              {t("amendments.actions.publish")}
            </button>
            {data.publishedAt ? <span className="text-sm text-stone-600">{fmt(data.publishedAt)}</span> : null}
          </Form>
        ) : null}
      </section>

      {data.leads.length ? (
        <section className="card space-y-2" aria-labelledby="leads-title" data-testid="leads">
          <h2 id="leads-title" className="font-semibold">
            {t("amendments.signOff.leadsTitle")}
          </h2>
          <p className="text-sm text-stone-600">{t("amendments.signOff.leadsHelp")}</p>
          <ul className="space-y-2">
            {data.leads.map((row) => (
              <li key={row.force.id} className="flex flex-wrap items-center gap-3" data-testid="lead-row" data-force-id={row.force.id}>
                <span className="font-semibold">{forceName(row.force)}</span>
                {row.canSet ? (
                  <Form method="post" className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="intent" value="lead" />
                    <input type="hidden" name="forceId" value={row.force.id} />
                    <label className="text-sm">
                      <span className="sr-only">{t("amendments.signOff.leadOf", { force: forceName(row.force) })}</span>
                      <select name="userId" defaultValue={row.leadId ?? ""} className="field" data-testid="lead-select">
                        <option value="">{t("amendments.signOff.noLeadOption")}</option>
                        {row.delegates.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.name}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button className="btn-quiet" type="submit" data-testid="lead-save">
                      {t("amendments.signOff.setLead")}
                    </button>
                  </Form>
                ) : (
                  <span className="text-sm" data-testid="lead-name">
                    {row.leadId ? t("amendments.signOff.lead", { name: row.delegates.find((d) => d.id === row.leadId)?.name ?? "" }) : t("amendments.signOff.noLead")}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="counts-title" className="space-y-1">
        <h2 id="counts-title" className="sr-only">
          {t("amendments.counts")}
        </h2>
        <ul className="flex flex-wrap gap-2" data-testid="counts">
          {amendmentStates
            .filter((s) => data.counts[s] > 0)
            .map((s) => (
              <li key={s} className="rounded-md bg-white px-3 py-1 text-sm shadow-sm" data-count-state={s}>
                {t(`amendments.states.${s}`)}: <strong>{data.counts[s]}</strong>
              </li>
            ))}
        </ul>
        <p className="text-xs text-stone-500">{t("amendments.live")}</p>
      </section>

      <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t("amendments.filters.title")}>
        {data.papers.length > 1 ? (
          <label className="text-sm">
            {t("amendments.paper")}
            <select name="paper" defaultValue={data.paper.id} className="field">
              {data.papers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <FilterSelect name="section" label={t("amendments.filters.section")} value={data.filters.section} options={data.sections.map((s) => [String(s.index), s.title])} />
        {data.can.review || !data.force ? (
          <>
            <FilterSelect name="forceId" label={t("amendments.filters.force")} value={data.filters.forceId} options={data.forces.map((f) => [f.id, forceName(f)])} />
            <FilterSelect name="forceKind" label={t("amendments.filters.forceKind")} value={data.filters.forceKind} options={forceKinds.map((k) => [k, t(`amendments.forceKinds.${k}`)])} />
          </>
        ) : null}
        <FilterSelect name="type" label={t("amendments.filters.type")} value={data.filters.type} options={amendmentTypes.map((k) => [k, t(`amendments.types.${k}`)])} />
        <FilterSelect name="state" label={t("amendments.filters.state")} value={data.filters.state} options={amendmentStates.map((k) => [k, t(`amendments.states.${k}`)])} />
        <button type="submit" className="btn-quiet">
          {t("amendments.filters.apply")}
        </button>
        <Link to={q({})} className="text-sm">
          {t("amendments.filters.clear")}
        </Link>
      </Form>

      {data.force ? (
        <>
          <AmendmentList items={own} testId="own-list" />
          {others.length ? (
            <section className="space-y-2">
              <h2 className="text-lg font-semibold">{t("amendments.published")}</h2>
              <AmendmentList items={others} testId="published-list" />
            </section>
          ) : null}
        </>
      ) : (
        <AmendmentList items={others} testId="queue" />
      )}
    </div>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <label className="text-sm">
      {label}
      <select name={name} defaultValue={value ?? ""} className="field">
        <option value="">{t("amendments.filters.all")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

function AmendmentList({ items, testId }: { items: AmendmentSummary[]; testId: string }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  if (!items.length)
    return (
      <p className="card text-stone-600" data-testid={`${testId}-empty`}>
        {t("amendments.empty")}
      </p>
    );
  return (
    <div className="card overflow-x-auto">
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            <th>{t("amendments.tableCols.section")}</th>
            <th>{t("amendments.tableCols.force")}</th>
            <th>{t("amendments.tableCols.type")}</th>
            <th>{t("amendments.tableCols.quote")}</th>
            <th>{t("amendments.tableCols.state")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-amendment={s.id}>
              <td className="text-xs">{s.sectionTitle}</td>
              <td>
                {forceName(s.force)}
                <div className="text-xs text-stone-500">{t(`amendments.forceKinds.${s.force.kind}`)}</div>
              </td>
              <td>{t(`amendments.types.${s.type}`)}</td>
              <td className="max-w-md">
                <Link to={`/amendments/${s.id}`} dir="auto" className="line-clamp-2 underline">
                  «{s.anchor.textNow ?? s.anchor.quote}»
                </Link>
                {s.anchor.status !== "intact" ? (
                  <span className="ms-1 rounded bg-amber-100 px-1 text-xs text-amber-900" data-anchor={s.anchor.status}>
                    {t(`amendments.anchor.${s.anchor.status}`)}
                  </span>
                ) : null}
                {s.overlapGroup ? (
                  <span className="ms-1 rounded bg-purple-100 px-1 text-xs text-purple-900" data-overlap={s.overlapGroup}>
                    {t("amendments.view.overlapGroup", { n: s.overlapGroup })}
                  </span>
                ) : null}
              </td>
              <td>
                <StateBadge state={s.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A phase's name and times, as the organizers type them (the conference's wall clock). */
function PhaseFields({ name, openAt, closeAt, placeholder }: { name: string; openAt: string; closeAt: string; placeholder: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="text-sm">
        {t("amendments.phases.name")}
        <input name="name" defaultValue={name} placeholder={placeholder} maxLength={120} className="field" data-testid="phase-name" />
      </label>
      <label className="text-sm">
        {t("amendments.fields.openAt")}
        <input type="datetime-local" name="openAt" defaultValue={openAt} required className="field" data-testid="phase-open" />
      </label>
      <label className="text-sm">
        {t("amendments.fields.closeAt")}
        <input type="datetime-local" name="closeAt" defaultValue={closeAt} required className="field" data-testid="phase-close" />
      </label>
    </>
  );
}
