// Ephemeral replies to a slash command that does not start an investigation (or has just queued one).
import { CHOOSE_ACCOUNT } from '../action-ids.ts';
import { BlockIds, buttonRows, context, joinWithin, section } from './blocks.ts';
import {
  enforceMessageLimits,
  inlineCode,
  type KnownBlock,
  mrkdwnLink,
  type SlackMessage,
  safeText,
  truncate,
} from './limits.ts';

/** An account and the regions of it that were searched. */
export interface SearchedLocation {
  accountName: string;
  accountId: string;
  regions: string[];
}

const accountLabel = (name: string, id: string) => `${safeText(name, 100)} (${safeText(id, 20)})`;

/** An account × region the search could not look in, and why. */
export interface UnsearchedLocation {
  accountName: string;
  accountId: string;
  region: string;
  /** `AssumeRole into arn:aws:iam::…:role/x` or `DescribeAssociation`. */
  call: string;
  /** The AWS error code. */
  code: string;
  /** What it usually means. */
  meaning: string;
}

/**
 * The association exists in none of the accounts/regions that answered. Places that could not be searched are
 * named with the failed call, the error code and what it usually means — never reported as "not found".
 */
export function renderNotFound(input: {
  associationId: string;
  searched: SearchedLocation[];
  couldNotLook?: UnsearchedLocation[];
}): SlackMessage {
  const ids = new BlockIds('not-found');
  const id = inlineCode(input.associationId, 80);
  const failures = (input.couldNotLook ?? []).map(
    (f) =>
      `• ${accountLabel(f.accountName, f.accountId)} / ${safeText(f.region, 30)}: ${safeText(f.call, 200)} failed with ${inlineCode(f.code, 60)}${f.meaning ? ` — ${safeText(f.meaning, 400)}` : ''}`,
  );
  const failuresBlock =
    failures.length > 0
      ? [section(`⚠️ *Could not look in:*\n${joinWithin(failures, 2_600, 'places')}`, ids.next('could-not-look'))]
      : [];
  if (input.searched.length === 0 && failures.length > 0) {
    return enforceMessageLimits({
      text: `Could not search for association ${id}: ${input.couldNotLook?.map((f) => `${f.accountName} / ${f.region}: ${f.code}`).join('; ')}.`,
      blocks: [
        section(
          `⚠️ Could not search for association ${id}: the search failed everywhere it could look, so it may well exist there.`,
          ids.next('summary'),
        ),
        ...failuresBlock,
      ],
    });
  }
  const where = input.searched.map(
    (s) => `${accountLabel(s.accountName, s.accountId)} ${s.regions.map((r) => safeText(r, 30)).join(', ')}`,
  );
  const whereText = where.length > 0 ? joinWithin(where, 1_500, 'accounts').split('\n').join('; ') : 'no account';
  const hints = [
    '• *Wrong id?* Copy it from Systems Manager → State Manager (the Association ID column), e.g. `8dfe3659-4309-493a-8755-0123456789ab`.',
    '• *Another region?* Add `region <region>`, e.g. `/ssm-why <association-id> region us-west-2`.',
    '• *Another account?* Add `account <name|id>`; only accounts this channel may use are searched.',
  ];
  return enforceMessageLimits({
    text: `Association ${id} was not found in: ${whereText}.`,
    blocks: [
      section(`🔍 Association ${id} was not found in: ${whereText}.`, ids.next('summary')),
      ...failuresBlock,
      section(hints.join('\n'), ids.next('hints')),
    ],
  });
}

/** One place the association was found; `token` is the opaque button value that stands for it. */
export interface AmbiguousLocation {
  accountName: string;
  accountId: string;
  region: string;
  token: string;
  documentName?: string;
  status?: string;
}

/** The association id exists in several accounts/regions: one button per location. */
export function renderAmbiguous(input: { associationId: string; locations: AmbiguousLocation[] }): SlackMessage {
  const ids = new BlockIds('ambiguous');
  const id = inlineCode(input.associationId, 80);
  const lines = input.locations.map((l) => {
    const details = [
      l.documentName ? inlineCode(l.documentName, 120) : undefined,
      l.status ? `status ${safeText(l.status, 60)}` : undefined,
    ].filter(Boolean);
    return `• ${accountLabel(l.accountName, l.accountId)} / ${safeText(l.region, 30)}${details.length > 0 ? ` — ${details.join(', ')}` : ''}`;
  });
  // Leave room for the two text sections and the 50-block cap.
  const maxButtons = 25 * 40;
  const rows = buttonRows(
    CHOOSE_ACCOUNT,
    input.locations
      .slice(0, maxButtons)
      .map((l) => ({ text: `${truncate(l.accountName, 45, '…')} / ${truncate(l.region, 25, '…')}`, value: l.token })),
    ids,
    'choose',
  );
  const blocks: KnownBlock[] = [
    section(`Association ${id} exists in more than one place. Which one should I investigate?`, ids.next('summary')),
    section(joinWithin(lines, 2_800, 'locations'), ids.next('locations')),
    ...rows,
  ];
  return enforceMessageLimits({
    text: `Association ${id} exists in ${input.locations.length} places — pick one.`,
    blocks,
  });
}

/** The channel may not use the account that owns (or was asked for) the association. */
export function renderUnauthorized(input: { accountName: string; accountId?: string }): SlackMessage {
  const ids = new BlockIds('unauthorized');
  const account = input.accountId
    ? accountLabel(input.accountName, input.accountId)
    : `*${safeText(input.accountName, 100)}*`;
  const text = `🔒 This channel is not allowed to use account ${account}.`;
  return enforceMessageLimits({
    text,
    blocks: [
      section(text, ids.next('summary')),
      context(
        [
          'Ask an ssm-why admin to allow this channel for the account, or run the command in a channel that is allowed.',
        ],
        ids.next('hint'),
      ),
    ],
  });
}

/** The bot cannot post where the command was run. */
export function renderNotInChannel(input: {
  reason: 'not_in_channel' | 'channel_not_found';
  botName?: string;
}): SlackMessage {
  const ids = new BlockIds('not-in-channel');
  const bot = safeText(input.botName ?? 'ssm-why', 80);
  const why =
    input.reason === 'not_in_channel'
      ? "I'm not a member of this channel."
      : "I can't see this channel (private or a DM).";
  const text = `${why} Invite @${bot} with \`/invite @${bot}\`, or run it in a public channel.`;
  return enforceMessageLimits({ text, blocks: [section(`🚪 ${text}`, ids.next('summary'))] });
}

/** The immediate ack: the investigation is queued and its steps will appear in a thread. */
export function renderQueuedAck(input: {
  associationId: string;
  accountName: string;
  region: string;
  threadPermalink?: string;
}): SlackMessage {
  const ids = new BlockIds('queued');
  const id = inlineCode(input.associationId, 80);
  const where = `${safeText(input.accountName, 100)} / ${safeText(input.region, 30)}`;
  const follow = input.threadPermalink ? mrkdwnLink(input.threadPermalink, 'follow the thread') : 'follow the thread';
  const text = `🔎 Investigating ${id} in ${where} — ${follow}.`;
  return enforceMessageLimits({ text, blocks: [section(text, ids.next('summary'))] });
}

/** Any other refusal, with a message already safe to show (AppError.userMessage). Escaped here. */
export function renderProblem(message: string): SlackMessage {
  const ids = new BlockIds('problem');
  const text = `⚠️ ${safeText(message, 2_000)}`;
  return enforceMessageLimits({ text, blocks: [section(text, ids.next('summary'))] });
}

/** Why a button was refused, the same words for every button (decision from src/investigation/authorize.ts). */
export function renderButtonRefusal(
  decision:
    | { kind: 'gone' }
    | { kind: 'account-gone'; accountId: string }
    | { kind: 'unauthorized'; account: { name: string; id: string } }
    | { kind: 'other-channel'; account: { name: string; id: string } },
  what = 'investigation',
): SlackMessage {
  switch (decision.kind) {
    case 'gone':
      return renderProblem(`That ${what} no longer exists.`);
    case 'account-gone':
      return renderProblem(`Account ${decision.accountId} is no longer configured.`);
    case 'unauthorized':
      return renderUnauthorized({ accountName: decision.account.name, accountId: decision.account.id });
    case 'other-channel':
      return renderProblem(`That ${what} belongs to another channel: use its buttons there.`);
  }
}

/** A second click on the same button while the first is being acted on. */
export function renderAlreadyStarted(what: string): SlackMessage {
  return renderProblem(`${what} was just started (a second click within seconds does nothing).`);
}
