// The language of what the bot says to whom, from what is known in time: the command's `lang`, the channel's
// setting (database) and the user's Slack locale (cached users.info). Both look-ups run at once, each within a
// small budget: an answer never waits long for them (src/i18n/choice.ts has the rules).
import { type ChannelLanguageStore, chooseLang, type LangSources } from '../i18n/choice.ts';
import type { Lang } from '../i18n/index.ts';
import { within } from '../time-budget.ts';
import type { UserLocales } from './user-locale.ts';

/** Who a message is about: the team and channel, and the user who asked or clicked (none for alerts). */
export interface Audience {
  teamId: string;
  channelId: string;
  userId?: string;
}

/** The languages of one request: `thread` for what everyone in the channel sees, `personal` for its user. */
export interface Speech {
  thread: Lang;
  personal: Lang;
  /** What the channel speaks when nobody asked (alerts and their notes): its setting, else English. */
  channel: Lang;
  /** The user's own Slack language, when known in time and one we speak. */
  user?: Lang;
  /** The user's IANA time zone, when known (for dates in ephemeral messages). */
  timeZone?: string;
}

export interface Languages {
  /** The languages for a request; `command` is the command's own `lang`. Never throws. */
  of(audience: Audience, command?: Lang): Promise<Speech>;
}

export interface LanguagesDeps {
  channels: Pick<ChannelLanguageStore, 'get'>;
  users: UserLocales;
  /** How long the channel's setting may take (a slow database answers in the user's language or English). */
  budgetMs?: number;
  onError?: (error: unknown) => void;
}

export function createLanguages(deps: LanguagesDeps): Languages {
  const budgetMs = deps.budgetMs ?? 150;
  const channelLang = (teamId: string, channelId: string): Promise<Lang | undefined> =>
    within(
      deps.channels.get(teamId, channelId).then(
        (setting) => setting?.lang,
        (error: unknown) => {
          deps.onError?.(error);
          return undefined;
        },
      ),
      budgetMs,
      undefined,
    );
  return {
    async of(audience, command) {
      const [channel, user] = await Promise.all([
        channelLang(audience.teamId, audience.channelId),
        audience.userId ? deps.users.lookup(audience.teamId, audience.userId) : undefined,
      ]);
      const sources: LangSources = { command, channel, user: user?.lang };
      return {
        thread: chooseLang('thread', sources),
        personal: chooseLang('personal', sources),
        channel: chooseLang('thread', { channel }),
        ...(user?.lang ? { user: user.lang } : {}),
        ...(user?.timeZone ? { timeZone: user.timeZone } : {}),
      };
    },
  };
}
