// `/ssm-why lang [en|ja|auto]`: shows or sets the channel's language. Anyone in the channel may set it (like a
// subscription); every change is audited. The answer speaks the language just set (`auto`: the user's own).
import type { ChannelLangSetting, ChannelLanguageStore } from '../../i18n/choice.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import type { AuditLog } from '../../investigation/ports.ts';
import { renderLanguageAnswer } from '../views/language.view.ts';
import type { SlackMessage } from '../views/limits.ts';

export interface LangCommandDeps {
  languages: ChannelLanguageStore;
  audit: AuditLog;
}

export interface LangRequest {
  who: { teamId: string; channelId: string; userId: string };
  /** Undefined: show the setting. */
  setting?: ChannelLangSetting;
  /** The requester's own language, as far as known (their Slack locale, else the channel's, else English). */
  personal: Lang;
  /** The requester's Slack locale alone, when known: what `auto` answers in. */
  userLang?: Lang;
}

/** A direct message (`D…`) has no channel language to set. */
const isDirectMessage = (channelId: string) => channelId.startsWith('D');

export async function langCommand(deps: LangCommandDeps, request: LangRequest): Promise<SlackMessage> {
  const { who, setting } = request;
  if (isDirectMessage(who.channelId)) return renderLanguageAnswer(texts(request.personal).slack.lang.notInDm);
  if (setting === undefined) {
    const current = await deps.languages.get(who.teamId, who.channelId);
    const t = texts(request.personal).slack.lang;
    return renderLanguageAnswer(current ? t.current(current.lang, current.setBy) : t.currentAuto);
  }
  const before = await deps.languages.get(who.teamId, who.channelId);
  await deps.languages.set({ ...who, lang: setting, setBy: who.userId });
  await deps.audit.record({
    kind: 'channel.language',
    ...who,
    detail: { lang: setting, previous: before?.lang ?? 'auto' },
  });
  if (setting === 'auto') return renderLanguageAnswer(texts(request.userLang).slack.lang.auto);
  return renderLanguageAnswer(texts(setting).slack.lang.set(setting));
}
