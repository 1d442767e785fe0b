// Keeps a page's invitation data current: joins the conference's rooms over socket.io and reloads the
// route data (Remix revalidation) when someone changes an invitation. Without JavaScript the page is
// simply as fresh as its last load.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type { Socket } from "socket.io-client";
import { INVITATION_CHANGED, type InvitationChangedEvent } from "~/domain/invitations-live";

export function useLiveInvitations(conferenceId: string | null, onChange?: (e: InvitationChangedEvent) => void) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const cb = useRef(onChange);
  cb.current = onChange;
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!conferenceId) return;
    let alive = true;
    let s: Socket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void import("socket.io-client").then(({ io }) => {
      if (!alive) return;
      s = io({ path: "/socket.io", transports: ["websocket", "polling"] });
      const subscribe = () => s!.emit("subscribe", conferenceId, (r: { ok: boolean }) => setConnected(!!r?.ok));
      s.on("connect", subscribe);
      s.on("disconnect", () => setConnected(false));
      s.on(INVITATION_CHANGED, (e: InvitationChangedEvent) => {
        if (e.conferenceId !== conferenceId) return;
        cb.current?.(e);
        // Several changes in a burst (bulk) cause one reload.
        clearTimeout(timer);
        timer = setTimeout(() => revalidate.current(), 120);
      });
      setSocket(s);
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      s?.disconnect();
    };
  }, [conferenceId]);

  return { socket, connected };
}

/** What the invitations layout hands its pages (useOutletContext): the live connection, if any. */
export interface LiveContext {
  socket: Socket | null;
  connected: boolean;
}
