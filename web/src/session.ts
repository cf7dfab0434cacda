/**
 * The signed-in user's tokens, kept in sessionStorage (gone when the tab closes, not shared with
 * other tabs), refreshed through POST /auth/refresh a minute before the ID token expires, and handed
 * to the client's auth middleware as its token provider (which also refreshes once on a 401).
 */
import type { ApiClient, LoginResponse, TokenProvider } from '../../api/client.js';

/** The Cognito group of administrators (template.yaml's AdminGroup; tests/unit/web ties the two). */
export const ADMIN_GROUP = 'admin';

const STORAGE_KEY = 'jobs-console.session';
/** Refresh this long before the ID token expires. */
const REFRESH_MARGIN_MS = 60_000;

interface StoredSession {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** When the ID and access tokens expire, ms since the epoch. */
  expiresAt: number;
}

export interface Claims {
  sub?: string;
  email?: string;
  name?: string;
  exp?: number;
  'cognito:groups'?: string[];
}

/** The claims of a JWT, decoded for display and roles only: the API's authorizer verifies it. */
export function claimsOf(jwt: string): Claims {
  const part = jwt.split('.')[1] ?? '';
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
  } catch {
    return {};
  }
}

export class Session implements TokenProvider {
  private stored: StoredSession | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string | undefined> | undefined;

  /** `identity` is a client without tokens (POST /auth/refresh is public); `onChange` re-renders. */
  constructor(
    private readonly identity: ApiClient,
    private readonly onChange: (reason?: string) => void,
    private readonly storage: Storage = sessionStorage,
  ) {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw) {
      try {
        this.stored = JSON.parse(raw) as StoredSession;
        this.schedule();
      } catch {
        storage.removeItem(STORAGE_KEY);
      }
    }
  }

  get signedIn(): boolean {
    return this.stored !== undefined;
  }

  get claims(): Claims {
    return this.stored ? claimsOf(this.stored.idToken) : {};
  }

  get isAdmin(): boolean {
    return (this.claims['cognito:groups'] ?? []).includes(ADMIN_GROUP);
  }

  /** Starts a session from POST /auth/login's answer. */
  start(tokens: LoginResponse): void {
    this.save({
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
    });
    this.onChange();
  }

  end(reason?: string): void {
    clearTimeout(this.timer);
    this.stored = undefined;
    this.storage.removeItem(STORAGE_KEY);
    this.onChange(reason);
  }

  token(): string | undefined {
    return this.stored?.idToken;
  }

  /** New tokens from the refresh token; ends the session when the API refuses it. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= this.exchange().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async exchange(): Promise<string | undefined> {
    const current = this.stored;
    if (!current) return undefined;
    const { data, response } = await this.identity.POST('/auth/refresh', {
      body: { refreshToken: current.refreshToken },
    });
    if (!data) {
      // 400/401: the refresh token is no longer good; anything else may pass, so keep trying later.
      if (response.status === 400 || response.status === 401)
        this.end('Your session has expired: log in again.');
      else this.schedule(30_000);
      return undefined;
    }
    this.save({
      ...current,
      idToken: data.idToken,
      accessToken: data.accessToken,
      expiresAt: Date.now() + data.expiresIn * 1000,
    });
    return data.idToken;
  }

  private save(session: StoredSession): void {
    this.stored = session;
    this.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.schedule();
  }

  private schedule(delayMs?: number): void {
    clearTimeout(this.timer);
    if (!this.stored) return;
    const wait = delayMs ?? Math.max(0, this.stored.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    // setTimeout holds at most 2^31-1 ms; cognito-local's 24 h tokens are within it.
    this.timer = setTimeout(
      () => void this.refresh().catch(() => this.schedule(30_000)),
      Math.min(wait, 2 ** 31 - 1),
    );
  }
}
