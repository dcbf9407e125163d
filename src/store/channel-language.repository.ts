// Channels' language settings (`/ssm-why lang <en|ja|auto>`): one row per channel, none for `auto`.
import type { ChannelLanguageStore } from '../i18n/choice.ts';
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
