// The live attendance board (issue 20, ADR 0055): forces and members present of those expected, by kind
// and region and per delegation, for the conference's staff (those who read every invitation). It reloads
// when the domain announces a check-in or an undo (attendance.changed, staff room, over socket.io).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireMember } from "~/context.server";
import { asHttp } from "~/http/page.server";
import { pageParams } from "~/domain/query-params";
import { attendanceBoard } from "~/domain/conference-day/attendance.server";
import { ATTENDANCE_CHANGED, CHECKIN_STATE_CHANGED, type AttendanceChangedEvent, type CheckInStateEvent } from "~/domain/conference-day/live";
import { useOfficeTime } from "~/components/dates";
import { useTranslation } from "~/i18n/react";
import { joinLive } from "~/components/realtime/socket";
import { PageHeader, Section } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("checkin.board.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.read");
  pageParams(request, {});
  const { forces, members, byKind, byRegion, delegations, checkIn } = await attendanceBoard(context.services.prisma, user, conference.id).catch(asHttp);
  return json({ conferenceId: conference.id, forces, members, byKind, byRegion, delegations, checkIn });
}

function useLiveAttendance(conferenceId: string) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const live = joinLive();
    live.subscribe(conferenceId, setConnected);
    const reload = (e: AttendanceChangedEvent | CheckInStateEvent) => {
      if (e.conferenceId !== conferenceId) return;
      // A queue of check-ins replayed at once causes one reload.
      clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 150);
    };
    live.on(ATTENDANCE_CHANGED, reload);
    // Check-in closed (its no-shows leave the board) or reopened.
    live.on(CHECKIN_STATE_CHANGED, reload);
    return () => {
      clearTimeout(timer);
      live.release();
    };
  }, [conferenceId]);
  return connected;
}

function Figure({ label, present, expected, testId }: { label: string; present: number; expected: number; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="card text-center" data-testid={testId} data-present={present} data-expected={expected}>
      <p className="text-sm text-stone-600">{label}</p>
      <p className="text-4xl font-bold">{t("checkin.board.of", { present, expected })}</p>
    </div>
  );
}

export default function AttendanceBoard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const live = useLiveAttendance(data.conferenceId);
  const time = useOfficeTime();
  const table = (title: string, rows: Record<string, { present: number; expected: number }>, keyOf: (k: string) => string, testId: string) => (
    <Section title={title}>
      <table className="w-full text-sm" data-testid={testId}>
        <tbody>
          {Object.entries(rows).map(([k, f]) => (
            <tr key={k} className="border-b border-stone-100" data-key={k}>
              <th scope="row" className="py-1 text-start font-normal">{t(keyOf(k), { defaultValue: k })}</th>
              <td className="py-1 text-end font-semibold">{t("checkin.board.of", { present: f.present, expected: f.expected })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("checkin.board.title")} actions={live ? <span className="text-sm text-green-700" data-testid="board-live">● {t("checkin.board.live")}</span> : null} />
      {data.checkIn.closedAt ? (
        <p className="card border-amber-400 bg-amber-50" role="status" data-testid="board-closed" data-no-show={data.checkIn.noShow}>
          {t("checkin.close.closed", { time: time.dateTime(data.checkIn.closedAt) })} {t("checkin.close.noShow", { count: data.checkIn.noShow })}
        </p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        <Figure label={t("checkin.board.forces")} present={data.forces.present} expected={data.forces.expected} testId="board-forces" />
        <Figure label={t("checkin.board.members")} present={data.members.present} expected={data.members.expected} testId="board-members" />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {table(t("checkin.board.byKind"), data.byKind, (k) => `forces.kind.${k}`, "board-kind")}
        {table(t("checkin.board.byRegion"), data.byRegion, (k) => `forces.region.${k}`, "board-region")}
      </div>
      <Section title={t("checkin.board.delegations")}>
        <table className="w-full text-sm" data-testid="board-delegations">
          <tbody>
            {data.delegations.map((d) => (
              <tr key={d.invitationId} className={`border-b border-stone-100 ${d.present ? "" : "text-stone-500"}`}>
                <th scope="row" className="py-1 text-start font-normal" dir="auto">{d.forceName}</th>
                <td className="py-1 text-end">{t("checkin.board.of", { present: d.present, expected: d.members })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
