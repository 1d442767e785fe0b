// Keeps a page's invitation data current: joins the conference's rooms over socket.io and reloads the
// route data (Remix revalidation) when someone changes an invitation. Without JavaScript the page is
// simply as fresh as its last load.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import type { Socket } from "socket.io-client";
import { INVITATION_CHANGED, type InvitationChangedEvent } from "~/domain/invitations-live";
import { joinLive } from "~/components/realtime/socket";

export function useLiveInvitations(conferenceId: string | null, onChange?: (e: InvitationChangedEvent) => void) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const cb = useRef(onChange);
  cb.current = onChange;
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(false);
  // "idle" until the script runs (server render, no JavaScript: nothing to say), then "connecting" until
  // the server answers the subscription: a first load must not read as "not connected".
  const [status, setStatus] = useState<LiveStatus>("idle");

  useEffect(() => {
    if (!conferenceId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setStatus("connecting");
    // The board emits its drag-and-drop moves on this same connection (with acknowledgements).
    const live = joinLive(setSocket);
    live.subscribe(conferenceId, (ok) => {
      setConnected(ok);
      setStatus(ok ? "live" : "off");
    });
    live.on(INVITATION_CHANGED, (e: InvitationChangedEvent) => {
      if (e.conferenceId !== conferenceId) return;
      cb.current?.(e);
      // Several changes in a burst (bulk) cause one reload.
      clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 120);
    });
    return () => {
      clearTimeout(timer);
      live.release();
      setSocket(null);
      setConnected(false);
    };
  }, [conferenceId]);

  return { socket, connected, status };
}

export type LiveStatus = "idle" | "connecting" | "live" | "off";

/** What the invitations layout hands its pages (useOutletContext): the live connection, if any. */
export interface LiveContext {
  socket: Socket | null;
  connected: boolean;
}
