// The signed-in person changes their password (ADR 0025): the current one, the new one twice. On
// success every session of the account ends, this browser gets a new one (new cookie), and open
// sockets of the old sessions close on every instance.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { commitSession, requireUser } from "~/session.server";
import { changePassword } from "~/domain/password-change.server";
import { DomainError } from "~/domain/errors";
import { clientIp } from "~/http/request.server";
import { pageParams } from "~/domain/query-params";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("sessions.password.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  // An account made by a delegate link has no password yet: it sets its first one without a current one.
  const row = await context.services.prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  // ?changed comes bare from the redirect after a change; strict otherwise (ADR 0033).
  pageParams(request, { changed: z.literal("1").optional() });
  return json({ changed: new URL(request.url).searchParams.has("changed"), hasPassword: !!row?.passwordHash });
}

// Bounded here; the length rule itself (12–200) is the domain's, so it can say which one was broken.
const Change = z.object({ current: z.string().max(1000).default(""), password: z.string().min(1).max(1000), again: z.string().max(1000) });

type ActionResult = { error?: string; seconds?: number };
// The password rules speak in one catalogue section (account.password), shared with the welcome page.
const passwordProblems = new Set(["mismatch", "tooShort", "tooLong", "common"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context.services, context);
  const parsed = Change.safeParse(Object.fromEntries(await request.formData()));
  // An API token is no browser session to rotate.
  if (!parsed.success || !user.sessionId) return json<ActionResult>({ error: "errors.invalid" }, { status: 400 });
  try {
    const session = await changePassword(
      context.services.prisma,
      { userId: user.id, ...parsed.data },
      { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined },
    );
    context.services.access?.changed([user.id]);
    // A redirect, not a page: this request's cookie names the session that just ended, so the page's
    // loader would send the browser to sign in; the next request carries the new cookie.
    return redirect("/account/password?changed", { headers: { "Set-Cookie": await commitSession(context.services, session.id) } });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const details = err.details;
    if (err.code === "rate_limited") {
      return json<ActionResult>({ error: "sessions.password.limited", seconds: Number(details?.seconds ?? 0) }, { status: 429, headers: { "Retry-After": String(details?.seconds ?? 0) } });
    }
    const problem = details?.reason;
    const error =
      problem === "wrongCurrent" ? "sessions.password.wrongCurrent"
      : problem && passwordProblems.has(problem) ? `account.password.${problem}`
      : "errors.bad_request";
    return json<ActionResult>({ error }, { status: err.status });
  }
}

export default function AccountPassword() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { changed, hasPassword } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md card space-y-4">
      <h1 className="text-2xl font-bold">{t("sessions.password.title")}</h1>
      <p className="text-sm text-stone-600">{t("sessions.password.intro")}</p>
      {result?.error ? (
        <p role="alert" className="error" data-testid="password-error">
          {t(result.error, { seconds: result.seconds })}
        </p>
      ) : null}
      {changed && !result ? (
        <p role="status" className="notice" data-testid="password-ok">
          {t("sessions.password.changed")}
        </p>
      ) : null}
      <Form method="post" className="space-y-3">
        {hasPassword ? (
          <label className="block">
            {t("sessions.password.current")}
            <input name="current" type="password" dir="ltr" autoComplete="current-password" required className="field mt-1" />
          </label>
        ) : null}
        <label className="block">
          {t("sessions.password.new")}
          <input name="password" type="password" dir="ltr" autoComplete="new-password" required minLength={12} maxLength={200} className="field mt-1" />
        </label>
        <label className="block">
          {t("sessions.password.again")}
          <input name="again" type="password" dir="ltr" autoComplete="new-password" required className="field mt-1" />
        </label>
        <button type="submit" className="btn w-full justify-center">
          {t("sessions.password.submit")}
        </button>
      </Form>
    </div>
  );
}
