// `/ssm-why failing`: the failing associations of the channel's accounts × regions, grouped by failure
// signature, largest group first, with where each pair's data came from and how old it is. Pure.
import type { FailureGroup } from '../../domain/fleet.ts';
import type { FleetReport, PairReport } from '../../fleet/scan.ts';
import { type Catalog, type Lang, texts } from '../../i18n/index.ts';
import { FLEET_INVESTIGATE, indexedActionId } from '../action-ids.ts';
import { locationToken } from '../location-token.ts';
import { BlockIds, button, context, joinWithin, section } from './blocks.ts';
import { enforceMessageLimits, inlineCode, type KnownBlock, type SlackMessage, safeText } from './limits.ts';
import { readerDate } from './reader-date.ts';

/** Groups shown with their own block and Investigate button; the rest are summarised in one line. */
export const FLEET_GROUPS_SHOWN = 15;

export const place = (p: { accountName: string; region: string }) =>
  `${safeText(p.accountName, 40)} / ${safeText(p.region, 20)}`;

function groupText(group: FailureGroup, now: Date, t: Catalog): string {
  const say = t.panels.fleet;
  const icon = group.status === 'Failed' ? '🔴' : '🟡';
  const places = group.places.slice(0, 5).map(place).join(', ');
  const since = group.oldestSince
    ? say.oldestSince(readerDate(group.oldestSince, t.lang), t.panels.age(group.oldestSince, now))
    : '';
  const ex = group.example;
  const exName = ex.associationName ?? ex.documentName;
  return [
    `${icon} *${group.count} × ${safeText(group.status, 20)} — ${safeText(group.decisiveError, 300)}*  \`${safeText(group.family, 40)}\``,
    `${say.otherPlaces(places, Math.max(0, group.places.length - 5))}${since}`,
    say.example(inlineCode(ex.associationId, 40), exName ? safeText(exName, 80) : undefined, place(ex)),
  ].join('\n');
}

/** One line per pair that is not plainly fresh: stale, scanned live, truncated, failed. */
export function freshnessLines(pairs: PairReport[], now: Date, lang: Lang): string[] {
  const { panels } = texts(lang);
  const say = panels.fleet;
  const fromPoll = pairs.filter((p) => p.source === 'poll');
  const scanned = pairs.filter((p) => p.source === 'scan');
  const lines: string[] = [];
  if (fromPoll.length > 0) {
    const oldest = fromPoll.reduce((a, b) => ((a.observedAt ?? now) < (b.observedAt ?? now) ? a : b));
    lines.push(say.fromPoller(fromPoll.length, panels.age(oldest.observedAt ?? now, now)));
  }
  if (scanned.length > 0) {
    const calls = scanned.reduce((sum, p) => sum + p.calls, 0);
    const oldest = scanned.reduce((a, b) => ((a.observedAt ?? now) < (b.observedAt ?? now) ? a : b));
    lines.push(say.scanned(scanned.length, panels.age(oldest.observedAt ?? now, now), calls));
  }
  for (const p of pairs) {
    const where = place({ accountName: p.account.name, region: p.region });
    if (p.truncated) lines.push(say.truncated(where));
    if (p.source === 'error') lines.push(say.notScanned(where, safeText(p.error ?? say.scanFailed, 200)));
    if (p.source === 'none') lines.push(say.noData(where));
  }
  return lines;
}

export function renderFleetScanning(input: { pairs: number; lang: Lang }): SlackMessage {
  const text = texts(input.lang).panels.fleet.scanning(input.pairs);
  return { text, blocks: [section(text, 'fleet.scanning')] };
}

/** What the command narrowed the view to (`failing account prod region eu-west-1`). */
export interface FleetFilter {
  account?: string;
  region?: string;
}

export function renderFleet(input: { report: FleetReport; filter?: FleetFilter; lang: Lang }): SlackMessage {
  const { report } = input;
  const t = texts(input.lang);
  const say = t.panels.fleet;
  const now = report.at;
  const ids = new BlockIds('fleet');
  const total = report.groups.reduce((sum, g) => sum + g.count, 0);
  const { account, region } = input.filter ?? {};
  const scope =
    account || region
      ? say.scope(account ? safeText(account, 60) : undefined, region ? safeText(region, 30) : undefined)
      : undefined;
  const blocks: KnownBlock[] = [];
  const heading =
    total === 0
      ? say.noneHeading(report.pairs.filter((p) => p.source !== 'error' && p.source !== 'none').length, scope)
      : say.heading(total, report.groups.length, report.pairs.length, scope);
  blocks.push(section(heading, ids.next('heading')));
  const shown = report.groups.slice(0, FLEET_GROUPS_SHOWN);
  shown.forEach((group, index) => {
    const block = section(groupText(group, now, t), ids.next('group'));
    block.accessory = button({
      text: say.investigate,
      actionId: indexedActionId(FLEET_INVESTIGATE, index),
      value: locationToken.encode(group.example),
    });
    blocks.push(block);
  });
  const hidden = report.groups.slice(FLEET_GROUPS_SHOWN);
  if (hidden.length > 0) {
    const count = hidden.reduce((sum, g) => sum + g.count, 0);
    blocks.push(context([say.moreGroups(hidden.length, count)], ids.next('more')));
  }
  const freshness = joinWithin(freshnessLines(report.pairs, now, input.lang), 2_900, t.panels.more.pairs);
  if (freshness) blocks.push(context([say.asOf(readerDate(now, input.lang), freshness)], ids.next('freshness')));
  const text = total === 0 ? say.noneText : say.text(total, report.groups.length);
  return enforceMessageLimits({ text, blocks });
}
