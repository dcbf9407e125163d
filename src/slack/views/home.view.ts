// App Home: fleet health per account × region, the top failure groups and the user's recent investigations.
// Pure. Built within a message's limits (50 blocks, ~12k characters), well inside a Home tab's 100 blocks, so
// 50 accounts × 5 regions are summarised: pairs with failures first, the healthy ones counted.
import type { FleetReport, PairReport } from '../../fleet/scan.ts';
import { type Catalog, type Lang, texts } from '../../i18n/index.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { BlockIds, context, divider, header, linesToSections, section } from './blocks.ts';
import { place } from './fleet.view.ts';
import { historyLine } from './history.view.ts';
import { enforceMessageLimits, type KnownBlock, safeText } from './limits.ts';
import { readerDate } from './reader-date.ts';

export const HOME_PAIR_LINES = 40;
export const HOME_GROUPS = 5;
export const HOME_RECENT = 10;

export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

function pairLine(p: PairReport, now: Date, t: Catalog): string {
  const say = t.panels.home;
  const n = t.words.number;
  const age = t.panels.age;
  const icon =
    p.source === 'error' ? '❗' : p.failed > 0 ? '🔴' : p.pending > 0 ? '🟡' : p.source === 'none' ? '⚪' : '🟢';
  const where = place({ accountName: p.account.name, region: p.region });
  if (p.source === 'error') {
    const when = p.observedAt ? ` · ${age(p.observedAt, now)}` : '';
    return `${icon} ${where} — ${say.couldNotRead(safeText(p.errorCode ?? t.panels.fleet.unknownError, 60))}${when}`;
  }
  if (p.source === 'none') {
    return `${icon} ${where} — ${say.noData}${p.lastPollAt ? ` · ${say.polled(age(p.lastPollAt, now))}` : ''}`;
  }
  const counts = say.counts(n(p.failed), n(p.pending), p.total !== undefined ? n(p.total) : undefined);
  const seen = p.observedAt ? (p.source === 'poll' ? say.polled : say.scanned)(age(p.observedAt, now)) : '';
  const lastPoll = p.lastPollAt && p.source !== 'poll' ? ` · ${say.lastPoll(age(p.lastPollAt, now))}` : '';
  const cut = p.truncated ? ` · ${say.cut}` : '';
  return `${icon} ${where} — ${counts} · ${seen}${lastPoll}${cut}`;
}

const badness = (p: PairReport) => (p.source === 'error' ? 1e9 : p.failed * 1_000 + p.pending);

export function renderHome(input: {
  report: FleetReport;
  recent: InvestigationRecord[];
  workspaceUrl?: string;
  /** How many accounts the user's channels may use. */
  accounts: number;
  lang: Lang;
}): HomeView {
  const { report, lang } = input;
  const t = texts(lang);
  const say = t.panels.home;
  const n = t.words.number;
  const now = report.at;
  const ids = new BlockIds('home');
  const blocks: KnownBlock[] = [header(say.title, ids.next('header'))];
  const pairs = [...report.pairs].sort(
    (a, b) =>
      badness(b) - badness(a) || a.account.name.localeCompare(b.account.name) || a.region.localeCompare(b.region),
  );
  const failing = pairs.filter((p) => p.failed + p.pending > 0).length;
  const noData = pairs.filter((p) => p.source === 'none').length;
  const unreadable = pairs.filter((p) => p.source === 'error').length;
  const healthy = pairs.length - failing - noData - unreadable;
  blocks.push(
    context(
      [
        say.summary({
          accounts: input.accounts,
          pairs: pairs.length,
          failing: n(failing),
          healthy: n(healthy),
          noData: n(noData),
          ...(unreadable > 0 ? { unreadable: n(unreadable) } : {}),
          at: readerDate(now, lang),
        }),
      ],
      ids.next('summary'),
    ),
  );
  // Pairs with something to see first (sorted so); beyond HOME_PAIR_LINES the rest are counted, not listed.
  const shown = pairs.slice(0, HOME_PAIR_LINES);
  blocks.push(
    ...linesToSections(
      shown.map((p) => pairLine(p, now, t)),
      { ids, name: 'pairs', budget: 5_500, maxBlocks: 4, noun: t.panels.more.pairs },
    ),
  );
  const hidden = pairs.slice(HOME_PAIR_LINES);
  if (hidden.length > 0) {
    const hiddenFailing = hidden.filter((p) => p.failed + p.pending > 0);
    const f = hiddenFailing.reduce((sum, p) => sum + p.failed, 0);
    const pe = hiddenFailing.reduce((sum, p) => sum + p.pending, 0);
    const note =
      hiddenFailing.length > 0
        ? say.morePairsFailing(hidden.length, n(hiddenFailing.length), n(f), n(pe))
        : say.morePairsClear(hidden.length);
    blocks.push(context([note], ids.next('pairs-more')));
  }

  blocks.push(divider(ids.next('div')), section(say.groupsTitle, ids.next('groups-title')));
  if (report.groups.length === 0) {
    blocks.push(context([say.noGroups], ids.next('groups-empty')));
  } else {
    const lines = report.groups.slice(0, HOME_GROUPS).map((g) => {
      const places = g.places.slice(0, 3).map(place).join(', ');
      const more = g.places.length > 3 ? ` +${g.places.length - 3}` : '';
      const since = g.oldestSince ? say.since(readerDate(g.oldestSince, lang)) : '';
      return `*${n(g.count)} × ${safeText(g.status, 20)}* — ${safeText(g.decisiveError, 200)} · ${places}${more}${since}`;
    });
    if (report.groups.length > HOME_GROUPS) lines.push(say.moreGroups(report.groups.length - HOME_GROUPS));
    blocks.push(
      ...linesToSections(lines, { ids, name: 'groups', budget: 2_500, maxBlocks: 2, noun: t.panels.more.groups }),
    );
  }

  blocks.push(divider(ids.next('div')), section(say.recentTitle, ids.next('recent-title')));
  if (input.recent.length === 0) {
    blocks.push(context([say.noRecent], ids.next('recent-empty')));
  } else {
    blocks.push(
      ...linesToSections(
        input.recent.slice(0, HOME_RECENT).map((r) => historyLine(r, lang, input.workspaceUrl)),
        { ids, name: 'recent', budget: 3_000, maxBlocks: 2, noun: t.panels.more.investigations },
      ),
    );
  }
  return { type: 'home', blocks: enforceMessageLimits({ text: 'ssm-why', blocks }).blocks };
}
