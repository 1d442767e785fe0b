// The signed-in person's second factor (ADR 0026): enrol with an authenticator app (QR code or key),
// see the recovery codes once, make new ones or turn it off with a current code.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { requireUser, commitSession } from "~/session.server";
import { createSession, endSession, type SessionUser } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { signInLimiter } from "~/domain/rate-limit";
import { beginEnrolment, confirmEnrolment, disableSecondFactor, regenerateRecoveryCodes, secondFactorStatus } from "~/domain/second-factor.server";
import { clientIp } from "~/http/request.server";
import { mustEnrolSecondFactor } from "~/policy";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("signin.twoFactor.title");

// The loaders that run after the confirming action still carry the cookie of the session it just ended:
// they take the user the action had (the load context is per request).
const rotatedIn = new WeakMap<object, SessionUser>();

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const user = rotatedIn.get(context) ?? (await requireUser(request, services, context));
  const required = user.memberships.some((m) => mustEnrolSecondFactor(user, m.conferenceId));
  const status = await secondFactorStatus(services.prisma, user.id);
  if (status.confirmedAt) return json({ required, enabledAt: status.confirmedAt.toISOString(), codesLeft: status.recoveryCodesLeft, enrol: null });
  const { secret, uri } = await beginEnrolment(services.prisma, services.sessionSecret, user.id);
  const qr = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return json({ required, enabledAt: null, codesLeft: 0, enrol: { secret, qr } });
}

const Intent = z.object({ intent: z.enum(["confirm", "regenerate", "disable"]), code: z.string().trim().min(6).max(12) });

type Result = { error?: string; seconds?: number; codes?: string[]; ok?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const user = await requireUser(request, services, context);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json<Result>({ error: "signin.twoFactor.wrong" }, { status: 400 });
  // Guessing codes here is bounded like guessing them at sign-in.
  const ip = clientIp(request);
  const limiter = signInLimiter(services);
  const wait = await limiter.retryAfter(user.email, ip);
  if (wait > 0) return json<Result>({ error: "auth.limited", seconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  const { intent, code } = parsed.data;
  try {
    if (intent === "confirm") {
      const codes = await confirmEnrolment(services.prisma, services.sessionSecret, user.id, code, { ip });
      await limiter.reset(user.email, ip);
      // A new privilege level, a new session id.
      if (user.sessionId) await endSession(services.prisma, user.sessionId);
      rotatedIn.set(context, user);
      const session = await createSession(services.prisma, user.id, { ip, userAgent: request.headers.get("user-agent") ?? undefined });
      return json<Result>({ codes }, { headers: { "Set-Cookie": await commitSession(services, session.id) } });
    }
    if (intent === "regenerate") {
      const codes = await regenerateRecoveryCodes(services.prisma, services.sessionSecret, user.id, code, { ip });
      await limiter.reset(user.email, ip);
      return json<Result>({ codes });
    }
    await disableSecondFactor(services.prisma, services.sessionSecret, user.id, code, { ip });
    await limiter.reset(user.email, ip);
    return json<Result>({ ok: "signin.twoFactor.disabled" });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== "bad_request") throw err;
    await limiter.fail(user.email, ip);
    return json<Result>({ error: "signin.twoFactor.wrong" }, { status: 400 });
  }
}

function CodeForm({ intent, label, danger }: { intent: string; label: string; danger?: boolean }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value={intent} />
      <label className="block">
        {t("signin.twoFactor.currentCode")}
        <input name="code" dir="ltr" inputMode="numeric" autoComplete="one-time-code" required maxLength={12} className="field mt-1" />
      </label>
      <button type="submit" className={danger ? "btn btn-danger" : "btn"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.codes) {
    return (
      <div className="mx-auto max-w-md card space-y-3">
        <h1 className="text-xl font-bold">{t("signin.twoFactor.recoveryTitle")}</h1>
        <p>{t("signin.twoFactor.recoveryOnce")}</p>
        <ul dir="ltr" className="font-mono grid grid-cols-2 gap-1" data-testid="recovery-codes">
          {result.codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <a href="/" className="btn">
          {t("signin.twoFactor.continue")}
        </a>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md card space-y-4">
      <h1 className="text-xl font-bold">{t("signin.twoFactor.title")}</h1>
      {data.required ? <p className="error">{t("signin.twoFactor.required")}</p> : null}
      {result?.error ? (
        <p role="alert" className="error" data-testid="two-factor-error">
          {t(result.error, { seconds: result.seconds })}
        </p>
      ) : null}
      {result?.ok ? <p role="status">{t(result.ok)}</p> : null}
      {data.enrol ? (
        <>
          <p>{t("signin.twoFactor.scan")}</p>
          {/* The SVG is made on the server by the qrcode library from our own otpauth URI. */}
          <div className="mx-auto w-48" dangerouslySetInnerHTML={{ __html: data.enrol.qr }} />
          <p>
            {t("signin.twoFactor.key")}:{" "}
            <code dir="ltr" data-testid="totp-secret">
              {data.enrol.secret}
            </code>
          </p>
          <CodeForm intent="confirm" label={t("signin.twoFactor.confirm")} />
        </>
      ) : (
        <>
          <p>{t("signin.twoFactor.enabled", { date: data.enabledAt?.slice(0, 10) })}</p>
          <p>{t("signin.twoFactor.codesLeft", { count: data.codesLeft })}</p>
          <CodeForm intent="regenerate" label={t("signin.twoFactor.regenerate")} />
          <CodeForm intent="disable" label={t("signin.twoFactor.disable")} danger />
        </>
      )}
    </div>
  );
}
