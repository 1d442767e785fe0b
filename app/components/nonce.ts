// The page's CSP nonce (ADR 0024), from the Express middleware through the load context and
// entry.server.tsx to root's <Scripts>. Server-side only: browsers hide nonces from the DOM, and
// scripts added after hydration are modules loaded from 'self'.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
