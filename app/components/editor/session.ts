// One browser's live session on a paper: the Y.Doc, its copy in IndexedDB (offline edits survive a reload)
// and the y-websocket connection to /collab/<paperId>. Browser only: created inside useEffect.
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { PAPER_FRAGMENT } from "~/domain/paper-doc";

export interface PaperSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: IndexeddbPersistence;
}

export interface Participant {
  id: string;
  name: string;
  color: string;
  readOnly?: boolean;
}

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline" | "ended";

/** Close codes with which the server ends a paper connection for good (server/collab/reauth.ts). */
const ENDED_CODES = new Set([4401, 4403]);

const palette = ["#b91c1c", "#c2410c", "#a16207", "#15803d", "#0f766e", "#0369a1", "#4338ca", "#7e22ce", "#be185d", "#4d7c0f"];

/** A user's caret colour: stable for the user across tabs and sessions. */
export function colorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length]!;
}

export function openSession(paperId: string, userId: string): PaperSession {
  const doc = new Y.Doc();
  // Per user: one person's unsynced offline edits are never sent under another person's session.
  const local = new IndexeddbPersistence(`tawafuq-paper-${paperId}-${userId}`, doc);
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
  const provider = new WebsocketProvider(url, paperId, doc, { connect: navigator.onLine });
  return { doc, provider, local };
}

export function closeSession(s: PaperSession) {
  s.provider.destroy();
  void s.local.destroy();
  s.doc.destroy();
}

/**
 * Connection state and the number of local changes not yet sent to the server. Changes made while
 * disconnected are counted; the count clears once the server has synced with us again (the y-websocket
 * handshake exchanges both sides' missing updates, so offline edits are sent then).
 */
export function useConnection(session: PaperSession | null): { state: ConnectionState; unsynced: number } {
  const [state, setState] = useState<ConnectionState>("connecting");
  const [unsynced, setUnsynced] = useState(0);
  useEffect(() => {
    if (!session) return;
    const { provider, doc, local } = session;
    let everConnected = false;
    let ended = false;
    const compute = (): ConnectionState => {
      if (ended) return "ended";
      if (!navigator.onLine) return "offline";
      if (provider.wsconnected && provider.synced) return "connected";
      return everConnected ? "reconnecting" : "connecting";
    };
    const refresh = () => setState(compute());
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") everConnected = true;
      refresh();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        everConnected = true;
        setUnsynced(0);
      }
      refresh();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === local) return;
      if (!(provider.wsconnected && provider.synced)) setUnsynced((n) => n + 1);
    };
    // The browser knows first when the network goes: stop retrying and say "offline"; reconnect at once
    // when it returns instead of waiting for the backoff.
    const onOffline = () => {
      provider.disconnect();
      refresh();
    };
    const onOnline = () => {
      if (ended) return;
      provider.connect();
      refresh();
    };
    // Signed out, removed or no longer allowed (ADR 0025): retrying would only be refused again; local
    // changes stay in this browser's store and the reader is told to sign in or reload.
    const onClose = (event: CloseEvent | null) => {
      if (!event || !ENDED_CODES.has(event.code)) return;
      ended = true;
      provider.disconnect();
      refresh();
    };
    // One list for subscribing and unsubscribing, so the two cannot drift apart.
    const subscriptions: [on: () => void, off: () => void][] = [
      [() => provider.on("status", onStatus), () => provider.off("status", onStatus)],
      [() => provider.on("sync", onSync), () => provider.off("sync", onSync)],
      [() => provider.on("connection-close", onClose), () => provider.off("connection-close", onClose)],
      [() => doc.on("update", onUpdate), () => doc.off("update", onUpdate)],
      [() => window.addEventListener("offline", onOffline), () => window.removeEventListener("offline", onOffline)],
      [() => window.addEventListener("online", onOnline), () => window.removeEventListener("online", onOnline)],
    ];
    for (const [on] of subscriptions) on();
    refresh();
    return () => {
      for (const [, off] of subscriptions) off();
    };
  }, [session]);
  return { state, unsynced };
}

/** Who has the paper open (from awareness), one entry per person however many tabs they use. */
export function useParticipants(session: PaperSession | null, me: Participant): (Participant & { self: boolean })[] {
  const [people, setPeople] = useState<(Participant & { self: boolean })[]>([{ ...me, self: true }]);
  useEffect(() => {
    if (!session) return;
    const aw = session.provider.awareness;
    const update = () => {
      const byUser = new Map<string, Participant & { self: boolean }>();
      aw.getStates().forEach((state) => {
        const u = (state as { user?: Partial<Participant> }).user;
        if (!u || typeof u.id !== "string" || typeof u.name !== "string") return;
        if (!byUser.has(u.id)) byUser.set(u.id, { id: u.id, name: u.name, color: String(u.color ?? "#555"), readOnly: !!u.readOnly, self: u.id === me.id });
      });
      if (!byUser.has(me.id)) byUser.set(me.id, { ...me, self: true });
      setPeople([...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)));
    };
    aw.on("change", update);
    update();
    return () => aw.off("change", update);
  }, [session, me.id, me.name, me.color]);
  return people;
}

/** True once the document has something to show: synced with the server, or loaded from IndexedDB. */
export function useDocReady(session: PaperSession | null): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!session) return;
    const { provider, doc, local } = session;
    const fragment = doc.getXmlFragment(PAPER_FRAGMENT);
    const check = () => {
      if (provider.synced || fragment.length > 0) setReady(true);
    };
    provider.on("sync", check);
    doc.on("update", check);
    void local.whenSynced.then(check);
    check();
    return () => {
      provider.off("sync", check);
      doc.off("update", check);
    };
  }, [session]);
  return ready;
}
