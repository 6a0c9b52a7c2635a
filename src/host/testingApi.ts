/**
 * What the integration tests may ask of the extension beyond its public API, offered only when VS Code runs
 * it in test mode (ExtensionMode.Test): the profile stores without prompts, secrets by name, and what a
 * session's panel is shown (rows, details, header — masked, as the webview receives them).
 */
import type { Session } from '../core/session/session';
import { SessionView } from './panel/sessionView';
import type { ProfilesTestingApi } from './profiles/profilesFeature';
import { redactorFor } from './sessionRedaction';

export interface TestingApi {
  profiles: ProfilesTestingApi;
  /** Everything the session's panel is shown, as JSON text (header, every row and every row's details). */
  shownText(sessionId: string): string | undefined;
}

export function createTestingApi(
  profiles: ProfilesTestingApi,
  findSession: (id: string) => Session | undefined,
): TestingApi {
  return {
    profiles,
    shownText: (id) => {
      const session = findSession(id);
      if (!session) return undefined;
      const view = new SessionView(session, redactorFor(session));
      const events = session.log.page(session.log.dropped + 1, 10_000);
      return JSON.stringify({
        header: view.header(),
        rows: view.rows(events),
        details: events.map((event) => view.details(event, false)),
      });
    },
  };
}
