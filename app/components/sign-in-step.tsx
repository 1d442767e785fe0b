// The frame both sign-in steps (password, then code) share: title, intro, the error, a plain POST form
// that carries ?next= along, and the submit button. Works without JavaScript.
import type { ReactNode } from "react";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export function SignInStep(props: { title: string; intro: string; submit: string; error?: { error: string; seconds?: number } | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-sm card">
      <h1 className="mb-1 text-2xl font-bold">{props.title}</h1>
      <p className="mb-4 text-sm text-stone-600">{props.intro}</p>
      {props.error?.error ? (
        <p role="alert" className="error mb-3" data-testid="login-error">
          {t(props.error.error, { seconds: props.error.seconds })}
        </p>
      ) : null}
      <Form method="post" className="space-y-3">
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        {props.children}
        <button type="submit" className="btn w-full justify-center" disabled={busy}>
          {props.submit}
        </button>
      </Form>
    </div>
  );
}
