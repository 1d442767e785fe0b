// The plenary's agenda (issue 20, ADR 0054), without JavaScript: every member reads it; organizers and the
// committee add, edit and delete sessions and items, move items up and down, schedule them, and the chair
// puts one on the floor or moves to the next. Every form is a plain POST answered with a redirect, or the
// refusal in the reader's language. Once hydrated, items also drag (mouse, touch, keyboard; ADR 0057), and
// sessions within their day (ADR 0071); a drop posts the same "move" step through a fetcher.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { z } from "zod";
import type { AgendaItemStatus } from "@prisma/client";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { asHttp, formInt, formString } from "~/http/page.server";
import { memberStepAction, type MemberStep } from "~/http/member-steps.server";
import { failureOf } from "~/http/page-error";
import { pageParams } from "~/domain/query-params";
import { may } from "~/policy";
import { createItem, createSession, deleteItem, deleteSession, listAgenda, moveItem, moveSession, nextItem, setCurrent, transitionItem, updateItem, updateSession, type AgendaItemView, type AgendaSessionView } from "~/domain/agenda.server";
import { agendaKinds, agendaTransitions } from "~/domain/agenda-status";
import { PageHeader, Section } from "~/components/ui/page";
import { SelectField, TextArea, TextField } from "~/components/ui/fields";
import { IntentButton } from "~/components/ui/actions";
import { AGENDA_CHANGED } from "~/domain/agenda-live";
import { useLiveUpdates } from "~/components/amendments/ui";
import { DaySessions, SessionList, SortableAgenda, SortableRow, SortableSession, useHydrated, type ItemMove, type RowHandle, type SessionMove } from "~/components/agenda/sortable-agenda";
import { pageTitle } from "~/i18n/meta";
import { ownForceOf } from "~/policy";
import { SPEAKERS_CHANGED } from "~/domain/speakers-live";
import { endSpeech, listSpeakers, moveSpeaker, nextSpeaker, removeSpeaker, requestToSpeak, setSpeakersClosed } from "~/domain/speakers.server";
import { SpeakersPanel } from "~/components/agenda/SpeakersPanel";
import { dayIn, zoneLabel } from "~/i18n/reader";

export const meta = pageTitle("agenda.title");

/** A refused step (409) reloads the agenda too, so the page shows how things stand now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "agenda.read");
  const params = pageParams(request, { done: z.literal("1").optional(), speakers: z.string().trim().min(1).max(64).optional() });
  const agenda = await listAgenda(context.services.prisma, user, conference.id);
  // The list of speakers of the item asked for, else of the item on the floor (ADR 0069).
  const speakersOf = params.speakers ?? agenda.currentItemId;
  const speakers = speakersOf ? await listSpeakers(context.services.prisma, user, speakersOf).catch(asHttp) : null;
  const conferenceId = conference.id;
  return json({
    agenda,
    speakers,
    userId: user.id,
    mayRequest: may(user, "speakers.request", { conferenceId, forceId: ownForceOf(user, conferenceId) }),
    manageSpeakers: may(user, "speakers.manage", { conferenceId }),
    conferenceId: conference.id,
    manage: may(user, "agenda.manage", { conferenceId: conference.id }),
    chair: may(user, "agenda.chair", { conferenceId: conference.id }),
  });
}

type Step = MemberStep;

const saved = () => redirect("/agenda?done=1");
const optional = (f: FormData, k: string) => formString(f, k) || undefined;
const sessionFields = (form: FormData) => ({
  title: formString(form, "title"), day: formString(form, "day"), startsAt: formString(form, "startsAt"), endsAt: optional(form, "endsAt"), room: formString(form, "room"), chair: formString(form, "chair"),
});
const itemFields = (form: FormData) => ({ kind: formString(form, "kind") as never, title: formString(form, "title"), refId: optional(form, "refId"), notes: formString(form, "notes") });

/** Back to the item's list of speakers. */
const toSpeakers = (form: FormData) => redirect(`/agenda?done=1&speakers=${encodeURIComponent(formString(form, "itemId"))}#speakers`);

const intents: Record<string, (s: Step) => Promise<Response>> = {
  async speak({ form, user, services, meta }) {
    await requestToSpeak(services.prisma, user, formString(form, "itemId"), meta);
    return toSpeakers(form);
  },
  async removeSpeaker({ form, user, services, meta }) {
    await removeSpeaker(services.prisma, user, formString(form, "speakerId"), meta);
    return toSpeakers(form);
  },
  async moveSpeaker({ form, user, services, meta }) {
    await moveSpeaker(services.prisma, user, formString(form, "speakerId"), { position: formInt(form, "position") }, meta);
    return toSpeakers(form);
  },
  async nextSpeaker({ form, user, services, meta }) {
    await nextSpeaker(services.prisma, user, formString(form, "itemId"), { speakingId: formString(form, "speakingId") || null }, meta);
    return toSpeakers(form);
  },
  async endSpeech({ form, user, services, meta }) {
    await endSpeech(services.prisma, user, formString(form, "speakerId"), meta);
    return toSpeakers(form);
  },
  async closeSpeakers({ form, user, services, meta }) {
    await setSpeakersClosed(services.prisma, user, formString(form, "itemId"), { closed: formString(form, "closed") === "true" }, meta);
    return toSpeakers(form);
  },
  async addSession({ form, user, conferenceId, services, meta }) {
    await createSession(services.prisma, user, conferenceId, sessionFields(form), meta);
    return saved();
  },
  async editSession({ form, user, services, meta }) {
    await updateSession(services.prisma, user, formString(form, "sessionId"), { ...sessionFields(form), version: formInt(form, "version") }, meta);
    return saved();
  },
  async deleteSession({ form, user, services, meta }) {
    await deleteSession(services.prisma, user, formString(form, "sessionId"), { version: formInt(form, "version") }, meta);
    return saved();
  },
  async addItem({ form, user, services, meta }) {
    await createItem(services.prisma, user, { sessionId: formString(form, "sessionId"), ...itemFields(form) }, meta);
    return saved();
  },
  async editItem({ form, user, services, meta }) {
    await updateItem(services.prisma, user, formString(form, "itemId"), { ...itemFields(form), version: formInt(form, "version") }, meta);
    return saved();
  },
  async move({ form, user, services, meta }) {
    const moved = await moveItem(services.prisma, user, formString(form, "itemId"), { position: formInt(form, "position"), version: formInt(form, "version"), sessionId: optional(form, "sessionId") }, meta);
    // A drop (a fetcher) stays on the page where it is scrolled; the plain form gets the usual redirect.
    return formString(form, "via") === "drag" ? json({ moved }) : saved();
  },
  async moveSession({ form, user, services, meta }) {
    const moved = await moveSession(services.prisma, user, formString(form, "sessionId"), { position: formInt(form, "position"), version: formInt(form, "version") }, meta);
    return formString(form, "via") === "drag" ? json({ movedSession: moved }) : saved();
  },
  async transition({ form, user, services, meta }) {
    await transitionItem(services.prisma, user, formString(form, "itemId"), { to: formString(form, "to") as never, version: formInt(form, "version") }, meta);
    return saved();
  },
  async current({ form, user, services, meta }) {
    await setCurrent(services.prisma, user, formString(form, "itemId"), { version: formInt(form, "version") }, meta);
    return saved();
  },
  async next({ form, user, conferenceId, services, meta }) {
    await nextItem(services.prisma, user, conferenceId, { currentId: formString(form, "currentId") || null }, meta);
    return saved();
  },
  async deleteItem({ form, user, services, meta }) {
    await deleteItem(services.prisma, user, formString(form, "itemId"), { version: formInt(form, "version") }, meta);
    return saved();
  },
};

export async function action({ request, context }: ActionFunctionArgs) {
  return memberStepAction(request, context, "agenda.read", intents);
}

function ErrorNotice({ data }: { data: unknown }) {
  const { t } = useTranslation();
  const failure = failureOf(data);
  if (!failure) return null;
  const reason = failure.error.reason ?? failure.error.code;
  return (
    <p className="card border-red-300 bg-red-50 text-red-900" role="alert" data-testid="agenda-error" data-reason={reason}>
      {t(`agenda.errors.${reason}`, { defaultValue: t(`speakers.errors.${reason}`, { defaultValue: t("agenda.errors.other") }) })}
    </p>
  );
}

function ItemRow({ item, index, count, current, manage, chair }: { item: AgendaItemView; index: number; count: number; current: boolean; manage: boolean; chair: boolean }) {
  const { t } = useTranslation();
  const ids = { itemId: item.id, version: String(item.version) };
  const steps = agendaTransitions[item.status as AgendaItemStatus].filter((s) => s !== "CURRENT");
  return (
    <SortableRow
      id={item.id}
      className={`flex flex-wrap items-center gap-2 rounded border bg-white p-2 ${current ? "border-emerald-600 bg-emerald-50" : "border-stone-200"}`}
      rowProps={{ "data-testid": "agenda-item", "data-id": item.id, "data-status": item.status, "aria-current": current ? "true" : undefined }}
    >
      {({ handle }: RowHandle) => (
        <>
          {handle ? (
            <button type="button" className="btn-quiet cursor-grab touch-none px-2" aria-label={t("agenda.drag.handle", { title: item.title })} data-testid="agenda-drag" {...handle}>
              <span aria-hidden="true">⠿</span>
            </button>
          ) : null}
          <span className="font-semibold" dir="auto" data-testid="agenda-item-title">{item.title}</span>
          <span className="text-xs text-stone-600">{t(`agenda.kinds.${item.kind}`)}</span>
          <span className="rounded bg-stone-100 px-2 text-xs" data-testid="agenda-status">{t(`agenda.statuses.${item.status}`)}</span>
          {item.status === "SCHEDULED" || item.status === "CURRENT" ? (
            <a href={`/agenda?speakers=${item.id}#speakers`} className="text-sm" data-testid="agenda-speakers">{t("speakers.show")}</a>
          ) : null}
          {item.notes ? <span className="w-full text-sm text-stone-700" dir="auto">{item.notes}</span> : null}
          <span className="ms-auto flex flex-wrap gap-1">
            {manage && index > 0 ? <IntentButton intent="move" values={{ ...ids, position: String(index - 1) }} label={t("agenda.up")} testId="agenda-up" /> : null}
            {manage && index < count - 1 ? <IntentButton intent="move" values={{ ...ids, position: String(index + 1) }} label={t("agenda.down")} testId="agenda-down" /> : null}
            {chair && !current && (item.status === "SCHEDULED" || item.status === "DONE") ? <IntentButton intent="current" values={ids} label={t("agenda.makeCurrent")} testId="agenda-make-current" /> : null}
            {manage || (chair && current)
              ? steps.map((to) => <IntentButton key={to} intent="transition" values={{ ...ids, to }} label={t(`agenda.to.${to}`)} testId={`agenda-to-${to}`} />)
              : null}
            {manage ? <IntentButton intent="deleteItem" values={ids} label={t("agenda.remove")} testId="agenda-delete" /> : null}
          </span>
          {manage ? (
            <details className="w-full">
              <summary className="cursor-pointer text-sm">{t("agenda.item.edit")}</summary>
              <ItemForm key={item.version} intent="editItem" hidden={ids} item={item} submit={t("agenda.item.save")} testId="agenda-edit-item" />
            </details>
          ) : null}
        </>
      )}
    </SortableRow>
  );
}

const Hidden = ({ values }: { values: Record<string, string> }) => <>{Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}</>;

/** The item's fields, empty to add one or filled to edit it. */
function ItemForm({ intent, hidden, item, submit, testId }: { intent: string; hidden: Record<string, string>; item?: AgendaItemView; submit: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-2 grid gap-2 md:grid-cols-2">
      <Hidden values={{ intent, ...hidden }} />
      <TextField name="title" label={t("agenda.item.title")} required maxLength={300} dir="auto" defaultValue={item?.title} />
      <SelectField name="kind" label={t("agenda.item.kind")} defaultValue={item?.kind} options={agendaKinds.map((k) => ({ value: k, label: t(`agenda.kinds.${k}`) }))} />
      <TextField name="refId" label={t("agenda.item.refId")} maxLength={300} dir="auto" defaultValue={item?.refId ?? ""} />
      <TextArea name="notes" label={t("agenda.item.notes")} maxLength={4000} defaultValue={item?.notes} />
      <button type="submit" className="btn" data-testid={testId}>{submit}</button>
    </Form>
  );
}

/** The session's fields, empty to add one or filled to edit it; times are wall-clock in the conference's zone. */
function SessionForm({ intent, hidden, session, zone, submit, testId }: { intent: string; hidden: Record<string, string>; session?: AgendaSessionView; zone: string; submit: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="grid gap-2 md:grid-cols-3">
      <Hidden values={{ intent, ...hidden }} />
      <TextField name="title" label={t("agenda.session.title")} required maxLength={200} dir="auto" defaultValue={session?.title} />
      <TextField name="day" type="date" label={t("agenda.session.day")} required defaultValue={session?.day} />
      <TextField name="startsAt" type="time" label={t("agenda.session.startsAtIn", { zone })} required defaultValue={session?.startsAt} />
      <TextField name="endsAt" type="time" label={t("agenda.session.endsAtIn", { zone })} defaultValue={session?.endsAt ?? ""} />
      <TextField name="room" label={t("agenda.session.room")} maxLength={120} dir="auto" defaultValue={session?.room} />
      <TextField name="chair" label={t("agenda.session.chair")} maxLength={200} dir="auto" defaultValue={session?.chair} />
      <button type="submit" className="btn" data-testid={testId}>{submit}</button>
    </Form>
  );
}

export default function Agenda() {
  const { t, i18n } = useTranslation();
  const { agenda, manage, chair, conferenceId, speakers, userId, mayRequest, manageSpeakers } = useLoaderData<typeof loader>();
  const actionData = useKeptActionData<typeof action>();
  const drop = useFetcher<typeof action>();
  const hydrated = useHydrated();
  useLiveUpdates(conferenceId, [AGENDA_CHANGED, SPEAKERS_CHANGED]);
  const current = agenda.sessions.flatMap((s) => s.items).find((i) => i.id === agenda.currentItemId);
  const byId = new Map(agenda.sessions.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const move = (m: ItemMove) =>
    drop.submit({ intent: "move", via: "drag", itemId: m.itemId, version: String(m.version), sessionId: m.sessionId, position: String(m.position) }, { method: "post" });
  const moveSessionTo = (m: SessionMove) =>
    drop.submit({ intent: "moveSession", via: "drag", sessionId: m.sessionId, version: String(m.version), position: String(m.position) }, { method: "post" });
  const sessionById = new Map(agenda.sessions.map((s) => [s.id, s] as const));
  // The drop's refusal while it is the latest answer; a page form's otherwise.
  const failure = failureOf(drop.data) ?? actionData;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("agenda.title")}
        actions={
          <span className="flex gap-2">
            <a href="/agenda.ics" className="btn-quiet no-underline" data-testid="agenda-ics">{t("agenda.ics")}</a>
            <a href="/projector" className="btn-quiet no-underline" data-testid="agenda-projector">{t("agenda.projector")}</a>
          </span>
        }
      />
      <p className="text-sm text-stone-600">{t("agenda.intro", { zone: zoneLabel(i18n.language, agenda.timeZone) })}</p>
      {manage && hydrated ? <p className="text-sm text-stone-600" id="agenda-drag-help">{t("agenda.drag.help")} {t("agenda.drag.sessionHelp")}</p> : null}
      <ErrorNotice data={failure} />
      {current || chair ? (
        <div className="card flex flex-wrap items-center gap-3" data-testid="agenda-current">
          <span>{t("agenda.current")}:</span>
          <strong dir="auto">{current?.title ?? "—"}</strong>
          {chair ? <IntentButton intent="next" values={{ currentId: agenda.currentItemId ?? "" }} label={t("agenda.next")} className="btn ms-auto" testId="agenda-next" /> : null}
        </div>
      ) : null}
      {speakers ? <SpeakersPanel list={speakers} userId={userId} mayRequest={mayRequest} chair={manageSpeakers} /> : null}
      {agenda.sessions.length === 0 ? <p data-testid="agenda-empty">{t("agenda.none")}</p> : null}
      <SortableAgenda sessions={agenda.sessions} enabled={manage && hydrated} onMove={move} onMoveSession={moveSessionTo}>
        {(order, days) =>
          Object.entries(days).map(([day, sessionIds]) => (
            <DaySessions key={day} day={day} ids={sessionIds}>
              {sessionIds.flatMap((id) => sessionById.get(id) ?? []).map((s, at, ofDay) => {
                const items = (order[s.id] ?? []).flatMap((id) => byId.get(id) ?? []);
                const sessionRef = { sessionId: s.id, version: String(s.version) };
                return (
                  <SortableSession key={s.id} id={s.id} day={day} rowProps={{ "data-testid": "agenda-session-box", "data-id": s.id }}>
                    {({ handle }: RowHandle) => (
                      <Section
                        title={
                          <span dir="auto" data-testid="agenda-session">
                            {s.title} — <bdi>{dayIn(i18n.language, s.day, "long")}</bdi> <bdi dir="ltr">{s.startsAt}{s.endsAt ? `–${s.endsAt}` : ""}</bdi>
                          </span>
                        }
                      >
                        {manage && (handle || ofDay.length > 1) ? (
                          <div className="flex flex-wrap gap-1">
                            {handle ? (
                              <button type="button" className="btn-quiet cursor-grab touch-none px-2" aria-label={t("agenda.drag.sessionHandle", { title: s.title })} data-testid="agenda-session-drag" {...handle}>
                                <span aria-hidden="true">⠿</span>
                              </button>
                            ) : null}
                            {at > 0 ? <IntentButton intent="moveSession" values={{ ...sessionRef, position: String(at - 1) }} label={t("agenda.session.earlier")} testId="agenda-session-up" /> : null}
                            {at < ofDay.length - 1 ? <IntentButton intent="moveSession" values={{ ...sessionRef, position: String(at + 1) }} label={t("agenda.session.later")} testId="agenda-session-down" /> : null}
                          </div>
                        ) : null}
                        <p className="text-sm text-stone-600">
                          {s.room ? <span className="me-3">{t("agenda.room", { room: s.room })}</span> : null}
                          {s.chair ? <span>{t("agenda.chair", { chair: s.chair })}</span> : null}
                        </p>
                        {items.length === 0 ? <p className="text-sm">{t("agenda.noItems")}</p> : null}
                        <SessionList sessionId={s.id} ids={items.map((i) => i.id)} className="space-y-2">
                          {items.map((i, n) => (
                            <ItemRow key={i.id} item={i} index={n} count={items.length} current={i.id === agenda.currentItemId} manage={manage} chair={chair} />
                          ))}
                        </SessionList>
                        {manage ? (
                          <>
                            <details>
                              <summary className="cursor-pointer">{t("agenda.item.add")}</summary>
                              <ItemForm key={items.map((i) => i.id).join()} intent="addItem" hidden={{ sessionId: s.id }} submit={t("agenda.item.submit")} testId="agenda-add-item" />
                            </details>
                            <details>
                              <summary className="cursor-pointer">{t("agenda.session.edit")}</summary>
                              <SessionForm key={s.version} intent="editSession" hidden={sessionRef} session={s} zone={zoneLabel(i18n.language, agenda.timeZone)} submit={t("agenda.session.save")} testId="agenda-edit-session" />
                              <IntentButton intent="deleteSession" values={sessionRef} label={t("agenda.session.remove")} className="btn-quiet mt-2 text-red-800" testId="agenda-delete-session" />
                            </details>
                          </>
                        ) : null}
                      </Section>
                    )}
                  </SortableSession>
                );
              })}
            </DaySessions>
          ))
        }
      </SortableAgenda>
      {manage ? (
        <Section title={t("agenda.session.add")}>
          <SessionForm key={agenda.sessions.map((s) => s.id).join()} intent="addSession" hidden={{}} zone={zoneLabel(i18n.language, agenda.timeZone)} submit={t("agenda.session.submit")} testId="agenda-add-session" />
        </Section>
      ) : null}
    </div>
  );
}
