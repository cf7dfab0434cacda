/** What every view is given: the clients, the session, and a way to tell screen-reader users what happened. */
import type { ApiClient } from '../../api/client.js';
import type { Session } from './session.js';

export interface ConsoleContext {
  apiUrl: string;
  /** Calls as the signed-in user (auth and retry middleware). */
  api: ApiClient;
  /** Calls the public identity routes (no token). */
  identity: ApiClient;
  session: Session;
  /** Says `message` in the page's live region. */
  announce(message: string): void;
}

/** A mounted view: its element, and what to stop when it goes (timers). */
export interface View {
  element: HTMLElement;
  dispose?(): void;
}
