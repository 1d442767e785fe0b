// "Your sessions" (ADR 0025): every live session of the signed-in account with its device, address and
// times; end one, or every one but this browser's. Only the account's own sessions: the domain deletes
// by (stored id, account), so another account's id matches nothing. No conference resource is involved,
// so there is no policy question beyond "signed in".
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import Bowser from "bowser";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { IntentButton } from "~/components/ui/actions";
import { DataTable } from "~/components/ui/table";
import { useOfficeTime } from "~/components/dates";
import { requireUser } from "~/session.server";
import { endOtherSessions, endOwnSession, listSessions } from "~/domain/sessions.server";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("sessions.title");

/** "Firefox 128 · Windows 10" from a user agent; null when nothing is recognised. */
function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent);
  const b = [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const o = [os.name, os.versionName ?? os.version].filter(Boolean).join(" ");
  return [b, o].filter(Boolean).join(" · ") || null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  const sessions = await listSessions(context.services.prisma, user.id, user.sessionId);
  return json({
    sessions: sessions.map((s) => ({
      id: s.id,
      device: deviceOf(s.userAgent),
      ip: s.ip,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.current,
    })),
  });
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("end"), sessionId: z.string().min(1).max(128) }),
  z.object({ intent: z.literal("end-others") }),
]);

type ActionResult = { ok?: string; error?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  const { prisma } = context.services;
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || !user.sessionId) return json<ActionResult>({ error: "errors.invalid" }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "end") {
    if (!(await endOwnSession(prisma, user.id, input.sessionId, { ip: clientIp(request) }))) return json<ActionResult>({ error: "sessions.notFound" }, { status: 404 });
  } else {
    await endOtherSessions(prisma, user.id, user.sessionId, { ip: clientIp(request) });
  }
  // Sockets of the ended sessions close on every instance (this browser's stay: its session holds).
  context.services.access?.changed([user.id]);
  return json<ActionResult>({ ok: input.intent === "end" ? "sessions.ended" : "sessions.othersEnded" });
}

export default function AccountSessions() {
  const { t } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const when = useOfficeTime().dateTime;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("sessions.title")}</h1>
      <p className="text-stone-600">{t("sessions.intro")}</p>
      {result?.error ? (
        <p role="alert" className="error" data-testid="sessions-error">
          {t(result.error)}
        </p>
      ) : null}
      {result?.ok ? (
        <p role="status" className="notice" data-testid="sessions-ok">
          {t(result.ok)}
        </p>
      ) : null}
      <section className="card overflow-x-auto">
        <DataTable testId="sessions" columns={[t("sessions.device"), t("sessions.ip"), t("sessions.created"), t("sessions.lastSeen"), null]}>
          {sessions.map((s) => (
            <tr key={s.id} data-testid={s.current ? "this-device" : "session"}>
              <td dir="ltr">
                {s.device ?? t("sessions.unknownDevice")}
                {s.current ? <strong className="ms-2">({t("sessions.thisDevice")})</strong> : null}
              </td>
              <td dir="ltr">{s.ip ?? "—"}</td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.lastSeenAt)}</td>
              <td>
                {s.current ? null : <IntentButton intent="end" values={{ sessionId: s.id }} label={t("sessions.endOne")} />}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <div className="flex flex-wrap gap-3">
        <IntentButton intent="end-others" label={t("sessions.endOthers")} className="btn" />
        <Link to="/account/password" className="btn-quiet">
          {t("sessions.changePassword")}
        </Link>
      </div>
    </div>
  );
}
