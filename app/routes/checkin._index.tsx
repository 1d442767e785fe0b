// The organizers' check-in desk (issue 20, ADR 0055): a code typed or scanned (keyboard wedge: the field
// has the focus and Enter submits), a substitute checked in for a named delegate, and undo. Without
// JavaScript every form is a plain POST answered with the outcome; with it, the code field queues
// check-ins while offline (app/components/checkin/Desk.tsx).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/context.server";
import { formString } from "~/http/page.server";
import { memberStepAction, type MemberStep } from "~/http/member-steps.server";
import { pageParams } from "~/domain/query-params";
import { attendanceBoard, closeCheckIn, reopenCheckIn, undoCheckIn } from "~/domain/conference-day/attendance.server";
import { DomainError } from "~/domain/errors";
import { may } from "~/policy";
import { deskCheckIn } from "~/components/checkin/desk.server";
import { CodeForm, OutcomeNotice, type Outcome } from "~/components/checkin/Desk";
import { CloseCheckIn, type CloseOutcome } from "~/components/checkin/CloseCheckIn";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";
import { PageHeader, Section } from "~/components/ui/page";
import { IntentButton } from "~/components/ui/actions";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("checkin.title");

const RECENT = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "attendance.manage");
  pageParams(request, {});
  const board = await attendanceBoard(context.services.prisma, user, conference.id);
  const forceName = new Map(board.delegations.map((d) => [d.forceId, d.forceName]));
  const roster = (board.roster ?? []).map((r) => ({ memberId: r.memberId, name: r.name, isSubstitute: r.isSubstitute, checkedInAt: r.checkedInAt, forceName: forceName.get(r.forceId) ?? "", invitationId: r.invitationId }));
  return json({
    recent: roster.filter((r) => r.checkedInAt).sort((a, b) => b.checkedInAt!.localeCompare(a.checkedInAt!)).slice(0, RECENT),
    substitutes: roster.filter((r) => r.isSubstitute && !r.checkedInAt),
    named: roster.filter((r) => !r.isSubstitute),
    checkInState: board.checkIn,
    mayClose: may(user, "attendance.close", { conferenceId: conference.id }),
  });
}

type Step = MemberStep;

const intents: Record<string, (s: Step) => Promise<Response>> = {
  async checkin({ form, user, conferenceId, services, meta }) {
    return json(await deskCheckIn(services.prisma, user, conferenceId, { code: formString(form, "code") }, meta));
  },
  async substitute({ form, user, conferenceId, services, meta }) {
    return json(await deskCheckIn(services.prisma, user, conferenceId, { code: formString(form, "code"), substituteFor: formString(form, "substituteFor") }, meta));
  },
  async undo({ form, user, conferenceId, services, meta }) {
    await undoCheckIn(services.prisma, user, conferenceId, { memberId: formString(form, "memberId") }, meta);
    return json({ kind: "undo" as const });
  },
  async close({ form, user, conferenceId, services, meta }) {
    // The form's checkbox is required; a post without it (another client) is refused here too.
    if (formString(form, "confirm") !== "yes") throw new DomainError("bad_request", "Confirm closing check-in", { reason: "confirm_required", fieldErrors: { confirm: ["required"] } });
    const r = await closeCheckIn(services.prisma, user, conferenceId, meta);
    return json({ kind: "close" as const, noShow: r.noShow });
  },
  async reopen({ user, conferenceId, services, meta }) {
    await reopenCheckIn(services.prisma, user, conferenceId, meta);
    return json({ kind: "reopen" as const });
  },
};

export async function action({ request, context }: ActionFunctionArgs) {
  return memberStepAction(request, context, "attendance.manage", intents);
}

export default function CheckInDesk() {
  const { t } = useTranslation();
  const time = useOfficeTime();
  const { recent, substitutes, named, checkInState, mayClose } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as Outcome | CloseOutcome | undefined;
  const closing = data && "kind" in data && (data.kind === "close" || data.kind === "reopen") ? data : null;
  const outcome = closing ? undefined : (data as Outcome | undefined);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("checkin.title")}
        actions={
          <>
            <Link to="/checkin/board" className="btn-quiet">{t("checkin.board.nav")}</Link>
            <Link to="/checkin/badges" className="btn-quiet">{t("checkin.badges.nav")}</Link>
          </>
        }
      />
      <p className="text-stone-600">{t("checkin.intro")}</p>
      {checkInState.closedAt ? <p className="card border-amber-400 bg-amber-50" role="status" data-testid="checkin-closed">{t("checkin.errors.checkin_closed")}</p> : null}
      <CodeForm initial={outcome && !("kind" in outcome && outcome.kind === "undo") ? outcome : null} />
      {outcome && "kind" in outcome && outcome.kind === "undo" ? <OutcomeNotice outcome={outcome} /> : null}
      {substitutes.length ? (
        <Section title={t("checkin.substitute.title")}>
          <form method="post" className="flex flex-wrap items-end gap-2" data-testid="substitute-form">
            <input type="hidden" name="intent" value="substitute" />
            <label>
              <span className="block text-sm">{t("checkin.substitute.code")}</span>
              <input name="code" className="field mt-1 font-mono" autoComplete="off" maxLength={40} required dir="ltr" />
            </label>
            <label>
              <span className="block text-sm">{t("checkin.substitute.for")}</span>
              <select name="substituteFor" className="field mt-1" required>
                {named.map((m) => (
                  <option key={m.memberId} value={m.memberId}>
                    {m.name} — {m.forceName}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn">{t("checkin.substitute.submit")}</button>
          </form>
        </Section>
      ) : null}
      <Section title={t("checkin.recent.title")}>
        {recent.length ? (
          <ul className="divide-y divide-stone-100" data-testid="checkin-recent">
            {recent.map((r) => (
              <li key={r.memberId} className="flex flex-wrap items-center gap-3 py-1">
                <span className="font-semibold" dir="auto">{r.name}</span>
                <span className="text-sm text-stone-600" dir="auto">{r.forceName}</span>
                {r.isSubstitute ? <span className="rounded bg-stone-100 px-1.5 text-xs">{t("checkin.badges.substitute")}</span> : null}
                <span className="text-sm text-stone-600">{time.dateTime(r.checkedInAt!)}</span>
                <IntentButton intent="undo" values={{ memberId: r.memberId }} label={t("checkin.recent.undo")} formClassName="ms-auto" testId={`undo-${r.memberId}`} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("checkin.recent.none")}</p>
        )}
      </Section>
      {mayClose ? <CloseCheckIn state={checkInState} outcome={closing} /> : null}
    </div>
  );
}
