// Channels' language settings (`/ssm-why lang <en|ja|auto>`): one row per channel, none for `auto`.
import type { ChannelLanguageRecord, ChannelLanguageStore } from '../i18n/choice.ts';
import { isLang } from '../i18n/index.ts';
import type { PrismaClient } from './generated/client.ts';

export function createChannelLanguageStore(prisma: PrismaClient): ChannelLanguageStore {
  return {
    async get(teamId, channelId) {
      const row = await prisma.channelLanguage.findUnique({ where: { teamId_channelId: { teamId, channelId } } });
      // A value this version does not speak (written by a newer one) counts as no setting.
      if (!row || !isLang(row.lang)) return undefined;
      return { teamId, channelId, lang: row.lang, setBy: row.setBy, updatedAt: row.updatedAt };
    },
    async forChannel(channelId) {
      // A channel shared between workspaces of one org has one id: the latest setting wins.
      const row = await prisma.channelLanguage.findFirst({ where: { channelId }, orderBy: { updatedAt: 'desc' } });
      if (!row || !isLang(row.lang)) return undefined;
      return { teamId: row.teamId, channelId, lang: row.lang, setBy: row.setBy, updatedAt: row.updatedAt };
    },
    async set({ teamId, channelId, lang, setBy }) {
      if (lang === 'auto') {
        await prisma.channelLanguage.deleteMany({ where: { teamId, channelId } });
        return;
      }
      await prisma.channelLanguage.upsert({
        where: { teamId_channelId: { teamId, channelId } },
        create: { teamId, channelId, lang, setBy },
        update: { lang, setBy },
        select: { teamId: true },
      });
    },
  };
}

/** How long a process trusts what it read of a channel's setting (another replica's change shows within this). */
export const CHANNEL_LANGUAGE_TTL_MS = 30_000;

/**
 * The store, with each channel's setting kept in memory for `ttlMs`: a command's ack reads it on every request,
 * and a database busy with investigations must not add a round trip to each one. Concurrent reads of one channel
 * share one query; a failed read is not kept; `set` forgets the channel at once in this process.
 */
export function withChannelLanguageCache(
  store: ChannelLanguageStore,
  options: { ttlMs?: number; clock?: () => number; maxEntries?: number } = {},
): ChannelLanguageStore {
  const ttlMs = options.ttlMs ?? CHANNEL_LANGUAGE_TTL_MS;
  const clock = options.clock ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  type Read = Promise<ChannelLanguageRecord | undefined>;
  const entries = new Map<string, { read: Read; expiresAt: number }>();
  const cached = (key: string, load: () => Read): Read => {
    const hit = entries.get(key);
    if (hit && hit.expiresAt > clock()) return hit.read;
    if (entries.size >= maxEntries) entries.clear();
    const read = load();
    entries.set(key, { read, expiresAt: clock() + ttlMs });
    read.catch(() => entries.delete(key));
    return read;
  };
  return {
    get: (teamId, channelId) => cached(`${teamId}:${channelId}`, () => store.get(teamId, channelId)),
    forChannel: (channelId) => cached(`*:${channelId}`, () => store.forChannel(channelId)),
    async set(input) {
      await store.set(input);
      entries.delete(`${input.teamId}:${input.channelId}`);
      entries.delete(`*:${input.channelId}`);
    },
  };
}
