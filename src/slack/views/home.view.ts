// App Home: fleet health per account × region, the top failure groups and the user's recent investigations.
// Pure. Built within a message's limits (50 blocks, ~12k characters), well inside a Home tab's 100 blocks, so
// 50 accounts × 5 regions are summarised: pairs with failures first, the healthy ones counted.
import type { FleetReport, PairReport } from '../../fleet/scan.ts';
import type { InvestigationRecord } from '../../investigation/ports.ts';
import { BlockIds, context, divider, header, linesToSections, section } from './blocks.ts';
import { age, place } from './fleet.view.ts';
import { plural, slackDate } from './format.ts';
import { historyLine } from './history.view.ts';
import { enforceMessageLimits, type KnownBlock, safeText } from './limits.ts';

export const HOME_PAIR_LINES = 40;
export const HOME_GROUPS = 5;
export const HOME_RECENT = 10;

export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

const n = (value: number) => value.toLocaleString('en-US');

function pairLine(p: PairReport, now: Date): string {
  const icon =
    p.source === 'error' ? '❗' : p.failed > 0 ? '🔴' : p.pending > 0 ? '🟡' : p.source === 'none' ? '⚪' : '🟢';
  const where = place({ accountName: p.account.name, region: p.region });
  if (p.source === 'error') {
    const when = p.observedAt ? ` · ${age(p.observedAt, now)}` : '';
    return `${icon} ${where} — could not read: ${safeText(p.errorCode ?? 'error', 60)}${when}`;
  }
  if (p.source === 'none') {
    return `${icon} ${where} — no data yet${p.lastPollAt ? ` · polled ${age(p.lastPollAt, now)}` : ''}`;
  }
  const counts = [
    `${n(p.failed)} Failed`,
    `${n(p.pending)} Pending`,
    p.total !== undefined ? `${n(p.total)} total` : 'total unknown',
  ].join(' · ');
  const seen = p.observedAt ? `${p.source === 'poll' ? 'polled' : 'scanned'} ${age(p.observedAt, now)}` : '';
  const lastPoll = p.lastPollAt && p.source !== 'poll' ? ` · last poll ${age(p.lastPollAt, now)}` : '';
  const cut = p.truncated ? ' · ⚠️ listing cut at its call budget' : '';
  return `${icon} ${where} — ${counts} · ${seen}${lastPoll}${cut}`;
}

const badness = (p: PairReport) => (p.source === 'error' ? 1e9 : p.failed * 1_000 + p.pending);

export function renderHome(input: {
  report: FleetReport;
  recent: InvestigationRecord[];
  workspaceUrl?: string;
  /** How many accounts the user's channels may use. */
  accounts: number;
}): HomeView {
  const { report } = input;
  const now = report.at;
  const ids = new BlockIds('home');
  const blocks: KnownBlock[] = [header('ssm-why — fleet health', ids.next('header'))];
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
        `${plural(input.accounts, 'account')} your channels may use, ${plural(pairs.length, 'account/region pair')}: ${n(failing)} with Failed/Pending associations, ${n(healthy)} clear, ${n(noData)} with no data yet${unreadable > 0 ? `, ${n(unreadable)} could not be read` : ''}. As of ${slackDate(now)}; counts come from the alert poller or the last \`/ssm-why failing\` — run it for a fresh scan.`,
      ],
      ids.next('summary'),
    ),
  );
  // Pairs with something to see first (sorted so); beyond HOME_PAIR_LINES the rest are counted, not listed.
  const shown = pairs.slice(0, HOME_PAIR_LINES);
  blocks.push(
    ...linesToSections(
      shown.map((p) => pairLine(p, now)),
      { ids, name: 'pairs', budget: 5_500, maxBlocks: 4, noun: 'pairs' },
    ),
  );
  const hidden = pairs.slice(HOME_PAIR_LINES);
  if (hidden.length > 0) {
    const hiddenFailing = hidden.filter((p) => p.failed + p.pending > 0);
    const f = hiddenFailing.reduce((sum, p) => sum + p.failed, 0);
    const pe = hiddenFailing.reduce((sum, p) => sum + p.pending, 0);
    const note =
      hiddenFailing.length > 0
        ? `… and ${plural(hidden.length, 'more pair')}: ${n(hiddenFailing.length)} of them with ${n(f)} Failed and ${n(pe)} Pending, the rest clear or not yet scanned`
        : `… and ${plural(hidden.length, 'more pair')}, all clear or not yet scanned`;
    blocks.push(context([note], ids.next('pairs-more')));
  }

  blocks.push(divider(ids.next('div')), section('*Top failure groups*', ids.next('groups-title')));
  if (report.groups.length === 0) {
    blocks.push(context(['No failing associations known.'], ids.next('groups-empty')));
  } else {
    const lines = report.groups.slice(0, HOME_GROUPS).map((g) => {
      const places = g.places.slice(0, 3).map(place).join(', ');
      const more = g.places.length > 3 ? ` +${g.places.length - 3}` : '';
      const since = g.oldestSince ? ` · since ${slackDate(g.oldestSince)}` : '';
      return `*${n(g.count)} × ${safeText(g.status, 20)}* — ${safeText(g.decisiveError, 200)} · ${places}${more}${since}`;
    });
    if (report.groups.length > HOME_GROUPS)
      lines.push(`_… and ${plural(report.groups.length - HOME_GROUPS, 'more group')}_`);
    blocks.push(...linesToSections(lines, { ids, name: 'groups', budget: 2_500, maxBlocks: 2, noun: 'groups' }));
  }

  blocks.push(divider(ids.next('div')), section('*Your recent investigations*', ids.next('recent-title')));
  if (input.recent.length === 0) {
    blocks.push(context(['None yet. Try `/ssm-why <association-id>` in a channel.'], ids.next('recent-empty')));
  } else {
    blocks.push(
      ...linesToSections(
        input.recent.slice(0, HOME_RECENT).map((r) => historyLine(r, input.workspaceUrl)),
        { ids, name: 'recent', budget: 3_000, maxBlocks: 2, noun: 'investigations' },
      ),
    );
  }
  return { type: 'home', blocks: enforceMessageLimits({ text: 'ssm-why', blocks }).blocks };
}
