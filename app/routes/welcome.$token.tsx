// A new member chooses their own password through the one-time link the organizers passed on (ADR 0023).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { accountSetupFor, completeAccountSetup, createSession } from "~/domain/accounts.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/domain/account-limits";
import { DomainError } from "~/domain/errors";
import { commitSession } from "~/session.server";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("account.welcome.title");

type Failure = "invalid" | "used" | "expired";
const reasonOf = (err: DomainError): Failure => {
  const r = (err.details as { reason?: string } | undefined)?.reason;
  return r === "used" || r === "expired" ? r : "invalid";
};

// GET shows the form only: a link preview must not use the link up.
export async function loader({ params, context }: LoaderFunctionArgs) {
  try {
    const row = await accountSetupFor(context.services.prisma, (params.token ?? "").slice(0, 100));
    return json({ email: row.user.email, failure: null as Failure | null });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return json({ email: null, failure: reasonOf(err) }, { status: err.status });
  }
}

const Form_ = z.object({ password: z.string().max(PASSWORD_MAX * 4), confirm: z.string().max(PASSWORD_MAX * 4) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = Form_.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ problem: "tooLong" as string, failure: null as Failure | null }, { status: 400 });
  const { password, confirm } = parsed.data;
  if (password !== confirm) return json({ problem: "mismatch", failure: null }, { status: 400 });
  try {
    const { userId } = await completeAccountSetup(context.services.prisma, (params.token ?? "").slice(0, 100), password, { ip: clientIp(request) });
    const session = await createSession(context.services.prisma, userId, { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined });
    return redirect("/", { headers: { "Set-Cookie": await commitSession(context.services, session.id) } });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const problem = err.code === "bad_request" ? err.details?.reason : undefined;
    if (problem) return json({ problem, failure: null }, { status: 400 });
    return json({ problem: null, failure: reasonOf(err) }, { status: err.status });
  }
}

export default function Welcome() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failure = result?.failure ?? data.failure;
  return (
    <div className="mx-auto max-w-md card">
      <h1 className="mb-2 text-xl font-bold">{t("account.welcome.title")}</h1>
      {failure ? (
        <p role="alert" className="error" data-testid="welcome-error">
          {t(`account.welcome.${failure}`)}
        </p>
      ) : (
        <>
          <p className="mb-3">{t("account.welcome.explain", { email: data.email })}</p>
          {result?.problem ? (
            <p role="alert" className="error mb-3" data-testid="welcome-problem">
              {t(`account.password.${result.problem}`)}
            </p>
          ) : null}
          <Form method="post" className="space-y-3">
            {/* For password managers: the account the new password belongs to. */}
            <input type="email" name="username" autoComplete="username" value={data.email ?? ""} readOnly hidden />
            <label className="block">
              {t("account.welcome.password")}
              <input name="password" type="password" dir="ltr" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} className="field mt-1" aria-describedby="pw-hint" />
            </label>
            <label className="block">
              {t("account.welcome.confirm")}
              <input name="confirm" type="password" dir="ltr" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} className="field mt-1" />
            </label>
            <p id="pw-hint" className="text-sm text-stone-600">
              {t("account.welcome.hint")}
            </p>
            <button type="submit" className="btn w-full justify-center" disabled={busy}>
              {t("account.welcome.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
