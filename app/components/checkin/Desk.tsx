// The check-in desk's code field. Without JavaScript it is a plain form (a handheld scanner types the code
// and presses Enter, like a keyboard). With JavaScript it posts to /checkin/scan itself so that a network
// failure can be told from a refusal: a check-in that cannot reach the server waits in localStorage and is
// sent when the device is back online (the server's check-in is idempotent per member, ADR 0055). The
// camera reader (@zxing/browser) is loaded only when asked for, so it stays out of every other page.
import { Form, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";

export type Outcome =
  | { kind: "checkin"; name: string; forceName: string; already: boolean; checkedInAt: string }
  | { kind: "undo" }
  | { error: { reason: string | null } };

interface Queued {
  code: string;
  at: string;
}

const QUEUE_KEY = "tawafuq.checkin.queue";
const readQueue = (): Queued[] => {
  try {
    const q: unknown = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? "[]");
    return Array.isArray(q) ? q.filter((x): x is Queued => typeof x?.code === "string" && typeof x?.at === "string") : [];
  } catch {
    return [];
  }
};
const writeQueue = (q: Queued[]) => localStorage.setItem(QUEUE_KEY, JSON.stringify(q));

/** Posts one code; undefined when the server could not be reached (offline, or the request died on the way). */
async function post(code: string): Promise<Outcome | undefined> {
  let res: Response;
  try {
    res = await fetch("/checkin/scan", { method: "POST", body: new URLSearchParams({ code }), headers: { accept: "application/json" } });
  } catch {
    return undefined;
  }
  // A proxy's 502/503/504 while the server is away is the network, not an answer.
  if (res.status >= 502) return undefined;
  const body = (await res.json().catch(() => null)) as Outcome | null;
  return body ?? { error: { reason: null } };
}

export function OutcomeNotice({ outcome }: { outcome: Outcome | null | undefined }) {
  const { t } = useTranslation();
  const time = useOfficeTime();
  if (!outcome) return null;
  if ("error" in outcome) {
    const reason = outcome.error.reason ?? "other";
    return (
      <p className="card border-red-300 bg-red-50 text-lg text-red-900" role="alert" data-testid="checkin-error" data-reason={reason}>
        {t(`checkin.errors.${reason}`, { defaultValue: t("checkin.errors.other") })}
      </p>
    );
  }
  if (outcome.kind === "undo") return <p className="card border-stone-300" role="status" data-testid="checkin-undone">{t("checkin.result.undone")}</p>;
  return (
    <div className={`card text-lg ${outcome.already ? "border-amber-400 bg-amber-50" : "border-green-400 bg-green-50"}`} role="status" data-testid="checkin-result" data-already={outcome.already}>
      <p className="text-2xl font-bold" dir="auto">
        {outcome.already ? t("checkin.result.already", { name: outcome.name, time: time.dateTime(outcome.checkedInAt) }) : t("checkin.result.checkedIn", { name: outcome.name })}
      </p>
      <p dir="auto">{t("checkin.result.force", { force: outcome.forceName })}</p>
    </div>
  );
}

export function CodeForm({ initial }: { initial: Outcome | null | undefined }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [outcome, setOutcome] = useState(initial);
  const [queue, setQueue] = useState<Queued[]>([]);
  const [camera, setCamera] = useState<"off" | "on" | "failed">("off");
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stopCamera = useRef<(() => void) | null>(null);
  const flushing = useRef(false);
  useEffect(() => setOutcome(initial), [initial]);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (let q = readQueue(); q.length; q = readQueue()) {
        const answer = await post(q[0]!.code);
        if (!answer) break; // still offline: keep the rest for the next try
        writeQueue(readQueue().filter((x) => x !== q[0] && !(x.code === q[0]!.code && x.at === q[0]!.at)));
        setOutcome(answer);
      }
    } finally {
      flushing.current = false;
      setQueue(readQueue());
      revalidator.revalidate();
    }
  }, [revalidator]);

  useEffect(() => {
    setQueue(readQueue());
    void flush();
    const retry = setInterval(() => readQueue().length && void flush(), 15_000);
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      clearInterval(retry);
      window.removeEventListener("online", online);
      stopCamera.current?.();
    };
    // flush changes with the revalidator on every render; the listeners need only the first.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const send = async (code: string) => {
    const answer = await post(code);
    if (!answer) {
      writeQueue([...readQueue(), { code, at: new Date().toISOString() }]);
      setQueue(readQueue());
      return;
    }
    setOutcome(answer);
    revalidator.revalidate();
  };

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = input.current?.value.trim() ?? "";
    if (!code) return;
    input.current!.value = "";
    input.current!.focus();
    void send(code);
  };

  const startCamera = async () => {
    if (camera === "on") {
      stopCamera.current?.();
      return setCamera("off");
    }
    try {
      const { BrowserQRCodeReader } = await import("@zxing/browser");
      const reader = new BrowserQRCodeReader();
      setCamera("on");
      // The callback gets the controls itself: the first frame may hold the code before the call returns.
      const controls = await reader.decodeFromVideoDevice(undefined, video.current!, (result, _err, live) => {
        if (!result) return;
        live.stop();
        setCamera("off");
        void send(result.getText());
      });
      stopCamera.current = () => controls.stop();
    } catch {
      setCamera("failed");
    }
  };

  return (
    <div className="space-y-3">
      <Form method="post" className="flex flex-wrap items-end gap-2" data-testid="checkin-form" onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="checkin" />
        <label className="flex-1">
          <span className="block text-sm font-semibold">{t("checkin.code")}</span>
          {/* A scanner in keyboard-wedge mode types here and presses Enter. */}
          <input ref={input} name="code" className="field mt-1 font-mono text-xl" autoFocus autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} required dir="ltr" data-testid="field-code" />
        </label>
        <button type="submit" className="btn" data-testid="checkin-submit">
          {t("checkin.submit")}
        </button>
        <button type="button" className="btn-quiet" onClick={() => void startCamera()} data-testid="checkin-camera">
          {camera === "on" ? t("checkin.cameraStop") : t("checkin.camera")}
        </button>
      </Form>
      <video ref={video} className={camera === "on" ? "max-h-64 rounded border" : "hidden"} muted playsInline />
      {camera === "failed" ? <p role="alert">{t("checkin.cameraFailed")}</p> : null}
      <OutcomeNotice outcome={outcome} />
      {queue.length ? (
        <section className="card border-amber-300" data-testid="checkin-pending">
          <h2 className="font-semibold">{t("checkin.pending.title")}</h2>
          <p className="text-sm">{t("checkin.pending.note")}</p>
          <ul className="font-mono">
            {queue.map((q) => (
              <li key={`${q.code} ${q.at}`}>{q.code}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
