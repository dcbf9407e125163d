// Which language the bot speaks, to whom. Pure: the inputs are looked up by the callers (the channel's setting in
// the database, the user's Slack locale from users.info), the rules live here.
import { DEFAULT_LANG, isLang, type Lang } from './index.ts';

/** A channel's setting: a language, or `auto` (each requester's Slack locale; also what no setting means). */
export type ChannelLangSetting = Lang | 'auto';

export function isChannelLangSetting(value: string): value is ChannelLangSetting {
  return value === 'auto' || isLang(value);
}

/**
 * Who reads the message: `thread` — everyone in the channel (root message, step replies, verdict, alerts,
 * digests); `personal` — the one user it is shown to (acks, refusals, errors, help, history, doctor).
 */
export type Audience = 'thread' | 'personal';

export interface LangSources {
  /** `lang ja` in the command itself. */
  command?: Lang | undefined;
  /** The channel's setting; undefined for `auto` or none. */
  channel?: Lang | undefined;
  /** The requester's (or clicker's) Slack locale, when known in time; undefined for alerts (nobody asked). */
  user?: Lang | undefined;
}

/**
 * The language of one message.
 * thread:   the command's `lang` > the channel's setting > the requester's locale > English.
 * personal: the command's `lang` > the user's locale > the channel's setting > English.
 */
export function chooseLang(audience: Audience, sources: LangSources): Lang {
  const order =
    audience === 'thread'
      ? [sources.command, sources.channel, sources.user]
      : [sources.command, sources.user, sources.channel];
  return order.find((lang) => lang !== undefined) ?? DEFAULT_LANG;
}

/** A channel's stored language (no row = `auto`). */
export interface ChannelLanguageRecord {
  teamId: string;
  channelId: string;
  lang: Lang;
  setBy: string;
  updatedAt: Date;
}

/** Where channels' language settings are kept. */
export interface ChannelLanguageStore {
  get(teamId: string, channelId: string): Promise<ChannelLanguageRecord | undefined>;
  /** By channel alone, for callers that know no team (alerts): a Slack channel id names one channel. */
  forChannel(channelId: string): Promise<ChannelLanguageRecord | undefined>;
  /** `auto` removes the setting. */
  set(input: { teamId: string; channelId: string; lang: ChannelLangSetting; setBy: string }): Promise<void>;
}
