import type { ConnectorMode, LoginResponse } from '@otc/contracts';

// The access token lives in sessionStorage: it survives a reload but not closing the tab,
// and is never shared with other tabs.
const SESSION_KEY = 'otc.admin.session';
const NOTICE_KEY = 'otc.admin.notice';

export const SESSION_EXPIRED_MESSAGE = 'Your session has expired. Sign in again.';

export interface Session {
  accessToken: string;
  expiresAt: string;
  mode: ConnectorMode;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let cachedRaw: string | null = null;
let cached: Session | null = null;

function notify(): void {
  listeners.forEach((listener) => listener());
}

function read(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (raw === cachedRaw) return cached;
  cachedRaw = raw;
  try {
    cached = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** The stored session, or null when signed out or past its expiry time. */
export function getSession(): Session | null {
  const session = read();
  if (session && Date.parse(session.expiresAt) <= Date.now()) {
    expireSession();
    return null;
  }
  return session;
}

export function getAccessToken(): string | null {
  return getSession()?.accessToken ?? null;
}

export function startSession(login: LoginResponse): void {
  const session: Session = { accessToken: login.accessToken, expiresAt: login.expiresAt, mode: login.mode };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  sessionStorage.removeItem(NOTICE_KEY);
  notify();
}

export function endSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
  notify();
}

/** Ends the session and leaves a message for the sign-in screen. */
export function expireSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.setItem(NOTICE_KEY, SESSION_EXPIRED_MESSAGE);
  notify();
}

export function getSessionNotice(): string | null {
  return sessionStorage.getItem(NOTICE_KEY);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
