// One socket.io connection per page, shared by every live part of it (the bell, the amendment and agenda
// pages, the invitation tables, the attendance board): each used to open its own, so a page with the bell
// and a live table held two connections, each authenticated and re-checked by the server. The connection
// is made lazily by the first consumer (socket.io-client is loaded only then) and closed when the last one
// leaves. A consumer subscribes to a conference's rooms and listens to events through this module; the
// subscriptions are asked again on every (re)connect, and each consumer's listeners go with it on unmount.
// The server has no "unsubscribe": rooms a page left stay joined until the connection closes, and the
// consumers that share one conference's events check its id (a stray event costs at most one reload).
import type { Socket } from "socket.io-client";

type Listener = (...args: any[]) => void;

export interface LiveHandle {
  /** Listens to `event` until release(). */
  on(event: string, fn: Listener): void;
  /** Joins the conference's rooms now and after every reconnect; `onStatus` hears whether the server agreed. */
  subscribe(conferenceId: string, onStatus?: (ok: boolean) => void): void;
  /** Removes this consumer's listeners; the last consumer to leave closes the connection. */
  release(): void;
}

let socket: Socket | null = null;
let loading: Promise<Socket> | null = null;
let users = 0;

function connect(): Promise<Socket> {
  return (loading ??= import("socket.io-client").then(({ io }) => {
    socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
    return socket;
  }));
}

/**
 * Takes part in the page's connection. Listeners given before the connection exists are attached when it
 * does; `onReady` gets the socket (to emit with acknowledgements, as the invitation board does).
 */
export function joinLive(onReady?: (s: Socket) => void): LiveHandle {
  users++;
  let released = false;
  const attached: [string, Listener][] = [];
  const ready = connect();
  void ready.then((s) => {
    if (!released) onReady?.(s);
  });
  const whenReady = (fn: (s: Socket) => void) => void ready.then((s) => !released && fn(s));
  const on = (event: string, fn: Listener) => {
    attached.push([event, fn]);
    whenReady((s) => s.on(event, fn));
  };
  return {
    on,
    subscribe(conferenceId, onStatus) {
      const ask = (s: Socket) => s.emit("subscribe", conferenceId, (r: { ok?: boolean } | undefined) => !released && onStatus?.(!!r?.ok));
      on("connect", () => whenReady(ask));
      on("disconnect", () => onStatus?.(false));
      whenReady((s) => s.connected && ask(s));
    },
    release() {
      if (released) return;
      released = true;
      users--;
      void ready.then((s) => {
        for (const [event, fn] of attached) s.off(event, fn);
        if (users === 0 && socket === s) {
          s.disconnect();
          socket = null;
          loading = null;
        }
      });
    },
  };
}
