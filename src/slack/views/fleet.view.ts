// `/ssm-why failing`: the failing associations of the channel's accounts × regions, grouped by failure
// signature, largest group first, with where each pair's data came from and how old it is. Pure.
import type { FailureGroup } from '../../domain/fleet.ts';
import type { FleetReport, PairReport } from '../../fleet/scan.ts';
import { FLEET_INVESTIGATE, indexedActionId } from '../action-ids.ts';
import { locationToken } from '../location-token.ts';
import { BlockIds, button, context, joinWithin, section } from './blocks.ts';
import { plural, slackDate } from './format.ts';
import { enforceMessageLimits, inlineCode, type KnownBlock, type SlackMessage, safeText } from './limits.ts';

/** Groups shown with their own block and Investigate button; the rest are summarised in one line. */
export const FLEET_GROUPS_SHOWN = 15;

/** "3 min ago", "2 h ago", "4 d ago". */
export function age(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1_000));
  if (seconds < 5) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3_600) return `${Math.round(seconds / 3_600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

export const place = (p: { accountName: string; region: string }) =>
  `${safeText(p.accountName, 40)} / ${safeText(p.region, 20)}`;

function groupText(group: FailureGroup, now: Date): string {
  const icon = group.status === 'Failed' ? '🔴' : '🟡';
  const places = group.places.slice(0, 5).map(place).join(', ');
  const morePlaces = group.places.length > 5 ? ` and ${group.places.length - 5} more` : '';
  const since = group.oldestSince
    ? ` · oldest since ${slackDate(group.oldestSince)} (${age(group.oldestSince, now)})`
    : '';
  const ex = group.example;
  const exName = ex.associationName ?? ex.documentName;
  return [
    `${icon} *${group.count} × ${safeText(group.status, 20)} — ${safeText(group.decisiveError, 300)}*  \`${safeText(group.family, 40)}\``,
    `${places}${morePlaces}${since}`,
    `Example: ${inlineCode(ex.associationId, 40)}${exName ? ` (${safeText(exName, 80)})` : ''} in ${place(ex)}`,
  ].join('\n');
}

/** One line per pair that is not plainly fresh: stale, scanned live, truncated, failed. */
export function freshnessLines(pairs: PairReport[], now: Date): string[] {
  const fromPoll = pairs.filter((p) => p.source === 'poll');
  const scanned = pairs.filter((p) => p.source === 'scan');
  const lines: string[] = [];
  if (fromPoll.length > 0) {
    const oldest = fromPoll.reduce((a, b) => ((a.observedAt ?? now) < (b.observedAt ?? now) ? a : b));
    lines.push(
      `${plural(fromPoll.length, 'account/region pair')} from the alert poller (oldest poll ${age(oldest.observedAt ?? now, now)})`,
    );
  }
  if (scanned.length > 0) {
    const calls = scanned.reduce((sum, p) => sum + p.calls, 0);
    const oldest = scanned.reduce((a, b) => ((a.observedAt ?? now) < (b.observedAt ?? now) ? a : b));
    lines.push(
      `${plural(scanned.length, 'pair')} scanned ${age(oldest.observedAt ?? now, now)} (${plural(calls, 'ListAssociations call')})`,
    );
  }
  for (const p of pairs) {
    if (p.truncated)
      lines.push(
        `⚠️ ${place({ accountName: p.account.name, region: p.region })}: the listing stopped at its call budget — more may be failing`,
      );
    if (p.source === 'error')
      lines.push(
        `❗ ${place({ accountName: p.account.name, region: p.region })}: not scanned — ${safeText(p.error ?? 'error', 200)}`,
      );
    if (p.source === 'none') lines.push(`${place({ accountName: p.account.name, region: p.region })}: no data yet`);
  }
  return lines;
}

export function renderFleetScanning(input: { pairs: number }): SlackMessage {
  const text = `🔎 Scanning ${plural(input.pairs, 'account/region pair')} for Failed and Pending associations…`;
  return { text, blocks: [section(text, 'fleet.scanning')] };
}

export function renderFleet(input: { report: FleetReport; scope?: string }): SlackMessage {
  const { report } = input;
  const now = report.at;
  const ids = new BlockIds('fleet');
  const total = report.groups.reduce((sum, g) => sum + g.count, 0);
  const scope = input.scope ? ` (${safeText(input.scope, 100)})` : '';
  const blocks: KnownBlock[] = [];
  const heading =
    total === 0
      ? `✅ *No Failed or Pending associations* in ${plural(report.pairs.filter((p) => p.source !== 'error' && p.source !== 'none').length, 'account/region pair')}${scope}.`
      : `*${plural(total, 'failing association')}* in ${plural(report.groups.length, 'group')}, ${plural(report.pairs.length, 'account/region pair')}${scope} — largest group first`;
  blocks.push(section(heading, ids.next('heading')));
  const shown = report.groups.slice(0, FLEET_GROUPS_SHOWN);
  shown.forEach((group, index) => {
    const block = section(groupText(group, now), ids.next('group'));
    block.accessory = button({
      text: 'Investigate',
      actionId: indexedActionId(FLEET_INVESTIGATE, index),
      value: locationToken.encode(group.example),
    });
    blocks.push(block);
  });
  const hidden = report.groups.slice(FLEET_GROUPS_SHOWN);
  if (hidden.length > 0) {
    const count = hidden.reduce((sum, g) => sum + g.count, 0);
    blocks.push(
      context([`… and ${plural(hidden.length, 'more group')} (${plural(count, 'association')})`], ids.next('more')),
    );
  }
  const freshness = joinWithin(freshnessLines(report.pairs, now), 2_900, 'pairs');
  if (freshness) blocks.push(context([`As of ${slackDate(now)}: ${freshness}`], ids.next('freshness')));
  const text =
    total === 0
      ? 'No Failed or Pending associations'
      : `${plural(total, 'failing association')} in ${plural(report.groups.length, 'group')}`;
  return enforceMessageLimits({ text, blocks });
}
