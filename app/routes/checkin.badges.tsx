// Printable badges (issue 20, ADR 0055): one A7 card per member of the confirmed delegations (or of one
// invitation, ?invitation=<id>), eight to an A4 sheet cut along the dashes, with the RTL name, the force,
// the role and the check-in code as a QR code drawn on the server (inline SVG: no script, no request).
// Missing codes are issued first.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/context.server";
import { commandMeta } from "~/http/request.server";
import { asHttp } from "~/http/page.server";
import { pageParams } from "~/domain/query-params";
import { attendanceBoard, issueCheckInCodes } from "~/domain/conference-day/attendance.server";
import { checkInQrSvg } from "~/domain/conference-day/qr.server";
import { useTranslation } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("checkin.badges.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "attendance.manage");
  const { invitation } = pageParams(request, { invitation: z.string().trim().min(1).max(64).optional() });
  const prisma = context.services.prisma;
  const board = await (async () => {
    await issueCheckInCodes(prisma, user, conference.id, commandMeta(request, context.services));
    return attendanceBoard(prisma, user, conference.id);
  })().catch(asHttp);
  if (invitation && !board.delegations.some((d) => d.invitationId === invitation)) throw new Response("Invitation not found among the confirmed delegations", { status: 404 });
  const roster = (board.roster ?? []).filter((r) => !invitation || r.invitationId === invitation);
  const voting = new Set(
    (await prisma.delegationMember.findMany({ where: { id: { in: roster.map((r) => r.memberId) }, isVotingDelegate: true }, select: { id: true } })).map((m) => m.id),
  );
  const forceName = new Map(board.delegations.map((d) => [d.forceId, d.forceName]));
  const badges = await Promise.all(
    roster.map(async (r) => ({
      memberId: r.memberId,
      name: r.name,
      forceName: forceName.get(r.forceId) ?? "",
      role: r.isSubstitute ? "substitute" : voting.has(r.memberId) ? "votingDelegate" : "delegate",
      code: r.code,
      qr: await checkInQrSvg(r.code),
    })),
  );
  return json({ badges });
}

export default function Badges() {
  const { t } = useTranslation();
  const { badges } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <style>{`@media print { @page { size: A4; margin: 0; } .badge-sheet { grid-template-columns: repeat(2, 105mm); } header, nav, .no-print { display: none !important; } main { padding: 0 !important; max-width: none !important; } }
.badge-sheet { display: grid; grid-template-columns: repeat(auto-fill, 105mm); gap: 0; }
.badge-card { width: 105mm; height: 74mm; box-sizing: border-box; border: 1px dashed #999; padding: 6mm; break-inside: avoid; display: flex; gap: 4mm; align-items: center; }
.badge-card svg { width: 34mm; height: 34mm; flex: none; }`}</style>
      <div className="no-print flex items-center gap-3">
        <h1 className="text-2xl font-bold">{t("checkin.badges.title")}</h1>
      </div>
      {badges.length ? null : <p>{t("checkin.badges.none")}</p>}
      <div className="badge-sheet" data-testid="badges">
        {badges.map((b) => (
          <article key={b.memberId} className="badge-card" data-testid="badge" data-code={b.code}>
            <div className="min-w-0 flex-1 space-y-1" dir="rtl">
              <p className="text-2xl font-bold" dir="auto">{b.name}</p>
              <p className="text-lg" dir="auto">{b.forceName}</p>
              <p className="text-sm">{t(`checkin.badges.${b.role}`)}</p>
              <p className="font-mono text-sm" dir="ltr">{b.code}</p>
            </div>
            {/* Drawn by the qrcode package on the server from the member's own code: no user markup. */}
            <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: b.qr }} />
          </article>
        ))}
      </div>
    </div>
  );
}
