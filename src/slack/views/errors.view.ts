// Ephemeral replies to a slash command that does not start an investigation (or has just queued one).
import { type Lang, texts } from '../../i18n/index.ts';
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
  lang: Lang;
}): SlackMessage {
  const { panels } = texts(input.lang);
  const say = panels.errors;
  const ids = new BlockIds('not-found');
  const id = inlineCode(input.associationId, 80);
  const failures = (input.couldNotLook ?? []).map((f) =>
    say.lookFailed(
      `${accountLabel(f.accountName, f.accountId)} / ${safeText(f.region, 30)}`,
      safeText(f.call, 200),
      inlineCode(f.code, 60),
      f.meaning ? safeText(f.meaning, 400) : undefined,
    ),
  );
  const failuresBlock =
    failures.length > 0
      ? [section(say.couldNotLookIn(joinWithin(failures, 2_600, panels.more.places)), ids.next('could-not-look'))]
      : [];
  if (input.searched.length === 0 && failures.length > 0) {
    return enforceMessageLimits({
      text: say.couldNotSearchText(
        id,
        (input.couldNotLook ?? []).map((f) => `${f.accountName} / ${f.region}: ${f.code}`).join('; '),
      ),
      blocks: [section(say.couldNotSearch(id), ids.next('summary')), ...failuresBlock],
    });
  }
  const where = input.searched.map(
    (s) => `${accountLabel(s.accountName, s.accountId)} ${s.regions.map((r) => safeText(r, 30)).join(', ')}`,
  );
  const whereText =
    where.length > 0 ? joinWithin(where, 1_500, panels.more.accounts).split('\n').join('; ') : say.noAccount;
  return enforceMessageLimits({
    text: say.notFoundText(id, whereText),
    blocks: [
      section(say.notFound(id, whereText), ids.next('summary')),
      ...failuresBlock,
      section(say.hints, ids.next('hints')),
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
export function renderAmbiguous(input: {
  associationId: string;
  locations: AmbiguousLocation[];
  lang: Lang;
}): SlackMessage {
  const { panels } = texts(input.lang);
  const say = panels.errors;
  const ids = new BlockIds('ambiguous');
  const id = inlineCode(input.associationId, 80);
  const lines = input.locations.map((l) => {
    const details = [
      l.documentName ? inlineCode(l.documentName, 120) : undefined,
      l.status ? say.status(safeText(l.status, 60)) : undefined,
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
    section(say.ambiguous(id), ids.next('summary')),
    section(joinWithin(lines, 2_800, panels.more.locations), ids.next('locations')),
    ...rows,
  ];
  return enforceMessageLimits({ text: say.ambiguousText(id, input.locations.length), blocks });
}

/** The channel may not use the account that owns (or was asked for) the association. */
export function renderUnauthorized(input: { accountName: string; accountId?: string; lang: Lang }): SlackMessage {
  const say = texts(input.lang).panels.errors;
  const ids = new BlockIds('unauthorized');
  const account = input.accountId
    ? accountLabel(input.accountName, input.accountId)
    : `*${safeText(input.accountName, 100)}*`;
  const text = say.unauthorized(account);
  return enforceMessageLimits({
    text,
    blocks: [section(text, ids.next('summary')), context([say.unauthorizedHint], ids.next('hint'))],
  });
}

/** The bot cannot post where the command was run. */
export function renderNotInChannel(input: {
  reason: 'not_in_channel' | 'channel_not_found';
  botName?: string;
  lang: Lang;
}): SlackMessage {
  const say = texts(input.lang).panels.errors;
  const ids = new BlockIds('not-in-channel');
  const bot = safeText(input.botName ?? 'ssm-why', 80);
  const text = input.reason === 'not_in_channel' ? say.notMember(bot) : say.cannotSee(bot);
  return enforceMessageLimits({ text, blocks: [section(`🚪 ${text}`, ids.next('summary'))] });
}

/** The immediate ack: the investigation is queued and its steps will appear in a thread. */
export function renderQueuedAck(input: {
  associationId: string;
  accountName: string;
  region: string;
  threadPermalink?: string;
  lang: Lang;
}): SlackMessage {
  const say = texts(input.lang).panels.errors;
  const ids = new BlockIds('queued');
  const id = inlineCode(input.associationId, 80);
  const where = `${safeText(input.accountName, 100)} / ${safeText(input.region, 30)}`;
  const follow = input.threadPermalink ? mrkdwnLink(input.threadPermalink, say.followThread) : say.followThread;
  const text = say.queued(id, where, follow);
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
  lang: Lang,
  what: 'investigation' | 'alert' = 'investigation',
): SlackMessage {
  const say = texts(lang).panels.errors;
  switch (decision.kind) {
    case 'gone':
      return renderProblem(say.gone[what]);
    case 'account-gone':
      return renderProblem(say.accountGone(decision.accountId));
    case 'unauthorized':
      return renderUnauthorized({ accountName: decision.account.name, accountId: decision.account.id, lang });
    case 'other-channel':
      return renderProblem(say.otherChannel[what]);
  }
}

/** A second click on the same button while the first is being acted on. */
export function renderAlreadyStarted(what: 'rerun' | 'investigation', lang: Lang): SlackMessage {
  return renderProblem(texts(lang).panels.errors.alreadyStarted[what]);
}
