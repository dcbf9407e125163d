// App Home (`app_home_opened` → views.publish): the fleet of the accounts the user's channels may use, from
// stored data only (no AWS call when a tab opens), and the user's recent investigations.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { FleetStore } from '../fleet/ports.ts';
import type { FleetScanner } from '../fleet/scan.ts';
import { fleetScope } from '../fleet/scope.ts';
import { DEFAULT_LANG } from '../i18n/index.ts';
import type { AccountRef } from '../investigation/ports.ts';
import type { UserLocales } from './user-locale.ts';
import { HOME_RECENT, renderHome } from './views/home.view.ts';

export interface HomeDeps {
  accounts: readonly AccountRef[];
  fleet: FleetScanner;
  store: Pick<FleetStore, 'userActivity'>;
}

type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** `users`: the user's Slack language (App Home is theirs alone), English when unknown in time. */
export function appHomeOpened(deps: HomeDeps, users: UserLocales) {
  let workspaceUrl: Promise<string | undefined> | undefined;
  return async ({ event, body, client, logger }: HomeArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    try {
      const speaking = users.lookup(teamId, event.user);
      const activity = await deps.store.userActivity(teamId, event.user, HOME_RECENT);
      const lang = (await speaking)?.lang ?? DEFAULT_LANG;
      // "The user's channels": those they investigated from; accounts open to every channel count for everyone.
      const scope = fleetScope(deps.accounts, [...activity.channelIds, ''], {}, lang);
      const pairs = scope.kind === 'pairs' ? scope.pairs : [];
      const report = await deps.fleet.overview(pairs, lang);
      workspaceUrl ??= client.auth.test().then(
        (r) => (typeof r.url === 'string' ? r.url : undefined),
        () => undefined,
      );
      const url = await workspaceUrl;
      const view = renderHome({
        report,
        recent: activity.recent,
        accounts: new Set(pairs.map((p) => p.account.id)).size,
        ...(url ? { workspaceUrl: url } : {}),
        lang,
      });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logger.error('app home could not be published', error);
    }
  };
}
