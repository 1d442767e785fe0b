// One invitation: status (only the moves the graph allows are offered; the domain checks again),
// terms (quota, deadline, note), the delegation (delegates and substitutes), and the timeline.
import { commandMeta } from "~/http/request.server";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { InvitationStatus } from "@prisma/client";
import { requireMember } from "~/context.server";
import {
  addDelegationMember,
  getInvitation,
  removeDelegationMember,
  transitionInvitation,
  updateDelegationMember,
  updateTerms,
} from "~/domain/invitations.server";
import { asHttp, dispatchIntent, formBool, formInt, formString, pageAction } from "~/http/page.server";
import { may } from "~/policy";
import { delegationDayOf, type DelegationDay } from "~/domain/conference-day/delegate-codes.server";
import { designateVotingDelegateOf } from "~/domain/conference-day/attendance.server";
import { ActionErrorMessage, StatusBadge, StatusOptions, forceName } from "~/components/invitations/ui";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.invitation");

/** A refused change (409: stale or illegal) reloads the data too, so the loser sees the current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "conference.read");
  const inv = await getInvitation(context.services.prisma, user, params.id!).catch(asHttp);
  if (inv.conferenceId !== conference.id) throw new Response("Not found", { status: 404 });
  const resource = { conferenceId: inv.conferenceId, forceId: inv.forceId };
  // The conference day (ADR 0058): the voting delegate, and the reader's own check-in code with its QR.
  const day = await delegationDayOf(context.services.prisma, user, inv);
  return json({ inv, day, canManage: may(user, "invitation.manage", resource), canDelegate: may(user, "delegation.manage", resource), canSeeForce: may(user, "force.read", resource) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "conference.read");
  const prisma = context.services.prisma;
  const form = await request.formData();
  const intent = formString(form, "intent");
  const id = params.id!;
  const version = formInt(form, "version");
  const member = () => ({
    version,
    name: formString(form, "name"),
    role: formString(form, "role") || null,
    contact: formString(form, "contact") || null,
    isSubstitute: formBool(form, "isSubstitute"),
    travelNeeds: formString(form, "travelNeeds") || null,
    needsVisa: formBool(form, "needsVisa"),
    consentToPublish: formBool(form, "consentToPublish"),
  });
  const meta = commandMeta(request, context.services);
  const done = (p: Promise<unknown>) => p.then(() => json({ ok: intent }));
  return pageAction(() =>
    dispatchIntent(
      {
        transition: () => done(transitionInvitation(prisma, user, id, { to: formString(form, "to") as InvitationStatus, version, note: formString(form, "note") || null }, meta)),
        terms: () =>
          done(updateTerms(prisma, user, id, { version, seatQuota: formInt(form, "seatQuota"), confirmationDeadline: formString(form, "confirmationDeadline") || null, note: formString(form, "note") || null }, meta)),
        addMember: () => done(addDelegationMember(prisma, user, id, member(), meta)),
        updateMember: () => done(updateDelegationMember(prisma, user, id, formString(form, "memberId"), member(), meta)),
        removeMember: () => done(removeDelegationMember(prisma, user, id, formString(form, "memberId"), version, meta)),
        votingDelegate: () => done(designateVotingDelegateOf(prisma, user, id, { memberId: formString(form, "memberId"), userId: formString(form, "userId") || null }, meta)),
      },
      intent,
      undefined,
    ),
  );
}

export default function InvitationPage() {
  const { t, i18n } = useTranslation();
  const { inv, day: conferenceDay, canManage, canDelegate, canSeeForce } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { dateTime: date, day } = useOfficeTime();
  const delegationOpen = !["WITHDRAWN", "ATTENDED", "NO_SHOW"].includes(inv.status);
  return (
    <div className="space-y-4" data-testid="invitation" data-status={inv.status} data-version={inv.version}>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{forceName(inv.force, i18n.language)}</h1>
        <StatusBadge status={inv.status} />
        <span className="text-xs text-stone-500">{t("invitations.version", { version: inv.version })}</span>
        {canSeeForce ? (
          <Link to={`/forces/${inv.forceId}`} className="ms-auto text-sm">
            {t("invitations.tabs.forces")}
          </Link>
        ) : null}
      </div>
      <ActionErrorMessage data={result} />
      {result && "ok" in result ? <p className="notice">{t("invitations.saved")}</p> : null}

      <OwnCodes codes={conferenceDay.ownCodes} />

      {canManage ? (
        <section className="card">
          <h2 className="mb-2 text-lg font-semibold">{t("invitations.transitionTitle")}</h2>
          {inv.allowedNext.length ? (
            <Form method="post" className="flex flex-wrap items-end gap-2" key={`t${inv.version}`}>
              <input type="hidden" name="version" value={inv.version} />
              <label>
                <span className="block text-xs">{t("invitations.move")}</span>
                <select name="to" className="field" data-testid="transition-to">
                  <StatusOptions statuses={inv.allowedNext} />
                </select>
              </label>
              <label className="grow">
                <span className="block text-xs">{t("invitations.note")}</span>
                <input name="note" className="field" maxLength={2000} />
              </label>
              <button type="submit" name="intent" value="transition" className="btn" data-testid="transition-submit">
                {t("invitations.moveSubmit")}
              </button>
            </Form>
          ) : (
            <p>{t("invitations.noMoves")}</p>
          )}
        </section>
      ) : null}

      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("invitations.terms")}</h2>
        {canManage ? (
          <Form method="post" className="flex flex-wrap items-end gap-3" key={`terms${inv.version}`}>
            <input type="hidden" name="version" value={inv.version} />
            <label>
              <span className="block text-xs">{t("invitations.seatQuota")}</span>
              <input type="number" name="seatQuota" min={0} max={200} defaultValue={inv.seatQuota} className="field w-24" />
            </label>
            <label>
              <span className="block text-xs">{t("invitations.deadline")}</span>
              <input type="date" name="confirmationDeadline" defaultValue={inv.confirmationDeadline ? day(inv.confirmationDeadline) : ""} className="field" />
            </label>
            <label className="grow">
              <span className="block text-xs">{t("invitations.invitationNote")}</span>
              <input name="note" defaultValue={inv.note ?? ""} className="field" />
            </label>
            <button type="submit" name="intent" value="terms" className="btn-quiet">
              {t("invitations.saveTerms")}
            </button>
          </Form>
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 text-sm">
            <dt>{t("invitations.seatQuota")}</dt>
            <dd>{inv.seatQuota}</dd>
            <dt>{t("invitations.deadline")}</dt>
            <dd>{inv.confirmationDeadline ? date(inv.confirmationDeadline) : "—"}</dd>
          </dl>
        )}
      </section>

      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">
          {t("invitations.delegation")} <span className="text-sm font-normal">({t("invitations.seatsOf", { named: inv.namedDelegates, quota: inv.seatQuota })})</span>
        </h2>
        {!inv.delegationVisible ? <p className="text-sm text-stone-600">{t("invitations.delegationHidden")}</p> : null}
        {inv.delegates.length === 0 ? <p className="text-sm">{t("invitations.noDelegates")}</p> : null}
        <ul className="space-y-2" data-testid="delegates">
          {inv.delegates.map((d) =>
            canDelegate && delegationOpen ? (
              <li key={d.id}>
                <MemberForm inv={inv} member={d} />
              </li>
            ) : (
              <li key={d.id} className="text-sm">
                <strong>{d.name}</strong> — {d.isSubstitute ? t("invitations.member.substitute") : t("invitations.member.principal")}
                {d.id === conferenceDay.votingDelegateId ? <span data-testid="voting-delegate-mark"> · {t("invitations.day.votingDelegate")}</span> : null}
                {d.role ? ` · ${d.role}` : ""}
                {d.contact ? <span dir="ltr"> · {d.contact}</span> : null}
                {d.needsVisa ? ` · ${t("invitations.member.needsVisa")}` : ""}
              </li>
            ),
          )}
        </ul>
        {canDelegate && delegationOpen && conferenceDay.votingDelegateId ? (
          <p className="mt-2 text-sm" data-testid="voting-delegate-mark">
            {t("invitations.day.votingDelegate")}: {inv.delegates.find((d) => d.id === conferenceDay.votingDelegateId)?.name}
          </p>
        ) : null}
        {conferenceDay.canDesignate ? <VotingDelegateForm day={conferenceDay} members={inv.delegates.filter((d) => !d.isSubstitute)} /> : null}
        {canDelegate && delegationOpen ? (
          <div className="mt-3">
            <h3 className="font-semibold">{t("invitations.member.add")}</h3>
            <MemberForm inv={inv} />
          </div>
        ) : null}
      </section>

      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("invitations.timeline")}</h2>
        <ol className="space-y-2 border-s-2 border-stone-200 ps-4" data-testid="timeline">
          {[...inv.events].reverse().map((e) => {
            const data = (e.data ?? {}) as { action?: string; name?: string } & Record<string, unknown>;
            return (
              <li key={e.id} className="text-sm" data-kind={e.kind}>
                <time dateTime={e.createdAt} className="text-xs text-stone-500">
                  {date(e.createdAt)}
                </time>{" "}
                {e.kind === "STATUS" && e.fromStatus ? (
                  <>
                    <StatusBadge status={e.fromStatus} /> {t("invitations.arrow")} <StatusBadge status={e.toStatus} />
                  </>
                ) : e.kind === "CREATED" || e.kind === "STATUS" ? (
                  <>
                    {t("invitations.kinds.CREATED")} <StatusBadge status={e.toStatus} />
                  </>
                ) : e.kind === "DELEGATION" && data.action ? (
                  t(`invitations.delegationActions.${data.action}`, { name: data.name })
                ) : e.kind === "TERMS" ? (
                  <>
                    {t("invitations.kinds.TERMS")}:{" "}
                    {Object.entries(data)
                      .map(([k, v]) => `${k === "seatQuota" ? t("invitations.seatQuota") : k === "confirmationDeadline" ? t("invitations.deadline") : t("invitations.invitationNote")}: ${JSON.stringify((v as unknown[])[0])} → ${JSON.stringify((v as unknown[])[1])}`)
                      .join("؛ ")}
                  </>
                ) : (
                  t(`invitations.kinds.${e.kind}`)
                )}{" "}
                {e.actor ? <span className="text-xs text-stone-600">{t("invitations.by", { name: e.actor.name })}</span> : null}
                {e.note ? <p className="mt-0.5 whitespace-pre-line text-stone-700">{e.note}</p> : null}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}

/** The reader's own check-in code(s): the text as the badge prints it and the QR the desk scans. */
function OwnCodes({ codes }: { codes: DelegationDay["ownCodes"] }) {
  const { t } = useTranslation();
  if (!codes.length) return null;
  return (
    <section className="card" data-testid="own-codes">
      <h2 className="mb-1 text-lg font-semibold">{t("invitations.day.ownCode")}</h2>
      <p className="mb-2 text-sm text-stone-600">{t("invitations.day.ownCodeIntro")}</p>
      {codes.map((c) => (
        <div key={c.memberId} className="flex flex-wrap items-center gap-4" data-testid="own-code" data-code={c.code}>
          {/* Drawn by the qrcode package on the server from the member's own code: no user markup. */}
          <div className="h-40 w-40" aria-hidden="true" dangerouslySetInnerHTML={{ __html: c.qr }} />
          <div>
            <p className="font-semibold" dir="auto">{c.name}</p>
            <p className="font-mono text-2xl" dir="ltr">{c.code}</p>
          </div>
        </div>
      ))}
    </section>
  );
}

/** Organizers: which member casts the force's ballot under VOTING_DELEGATE, and under which account. */
function VotingDelegateForm({ day, members }: { day: DelegationDay; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  if (!members.length) return null;
  return (
    <Form method="post" className="mt-3 flex flex-wrap items-end gap-3 rounded-md border border-stone-200 p-2 text-sm" data-testid="voting-delegate-form">
      <input type="hidden" name="intent" value="votingDelegate" />
      <div className="basis-full">
        <h3 className="font-semibold">{t("invitations.day.votingTitle")}</h3>
        <p className="text-stone-600">{t("invitations.day.votingIntro")}</p>
        <p>{t("votes.mode.current", { mode: t(`votes.mode.${day.votingMode}`) })}</p>
      </div>
      <label>
        <span className="block text-xs">{t("invitations.day.member")}</span>
        <select name="memberId" className="field" defaultValue={day.votingDelegateId ?? members[0]!.id} required>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs">{t("invitations.day.account")}</span>
        <select name="userId" className="field" defaultValue={day.votingDelegateUserId ?? ""}>
          <option value="">{t("invitations.day.noAccount")}</option>
          {day.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-quiet" data-testid="voting-delegate-submit">
        {t("invitations.day.submit")}
      </button>
    </Form>
  );
}

function MemberForm({ inv, member }: { inv: { version: number }; member?: { id: string; name: string; role: string | null; contact: string | null; isSubstitute: boolean; travelNeeds: string | null; needsVisa: boolean; consentToPublish: boolean } }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="grid gap-2 rounded-md border border-stone-200 p-2 text-sm md:grid-cols-4" key={`${member?.id ?? "new"}-${inv.version}`} data-testid={member ? "member-form" : "add-member-form"}>
      <input type="hidden" name="version" value={inv.version} />
      {member ? <input type="hidden" name="memberId" value={member.id} /> : null}
      <input name="name" required defaultValue={member?.name ?? ""} placeholder={t("invitations.member.name")} aria-label={t("invitations.member.name")} className="field" />
      <input name="role" defaultValue={member?.role ?? ""} placeholder={t("invitations.member.role")} aria-label={t("invitations.member.role")} className="field" />
      <input name="contact" defaultValue={member?.contact ?? ""} placeholder={t("invitations.member.contact")} aria-label={t("invitations.member.contact")} className="field" />
      <input name="travelNeeds" defaultValue={member?.travelNeeds ?? ""} placeholder={t("invitations.member.travelNeeds")} aria-label={t("invitations.member.travelNeeds")} className="field" />
      <label className="flex items-center gap-1">
        <input type="checkbox" name="isSubstitute" defaultChecked={member?.isSubstitute} /> {t("invitations.member.isSubstitute")}
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" name="needsVisa" defaultChecked={member?.needsVisa} /> {t("invitations.member.needsVisa")}
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" name="consentToPublish" defaultChecked={member?.consentToPublish} /> {t("invitations.member.consentToPublish")}
      </label>
      <div className="flex gap-2">
        <button type="submit" name="intent" value={member ? "updateMember" : "addMember"} className="btn-quiet">
          {member ? t("invitations.member.save") : t("invitations.member.add")}
        </button>
        {member ? (
          <button type="submit" name="intent" value="removeMember" formNoValidate className="btn-quiet text-red-700">
            {t("invitations.member.remove")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
