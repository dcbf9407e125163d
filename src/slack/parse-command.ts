// Parses the text of `/ssm-why …` into a command. Pure: no Slack, no AWS.

import { clipText } from '../domain/text.ts';
import { type ChannelLangSetting, isChannelLangSetting } from '../i18n/choice.ts';
import { type Catalog, isLang, type Lang } from '../i18n/index.ts';
import { type FleetCommand, parseFailing } from './parse-fleet.ts';
import { isSubscriptionVerb, parseSubscriptionCommand, type SubscriptionCommand } from './parse-subscription.ts';

/** The association id form AWS accepts (the model's AssociationId pattern). */
export const ASSOCIATION_ID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const ASSOCIATION_ID_EXACT = new RegExp(`^${ASSOCIATION_ID.source}$`);
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
export const EXAMPLE_ASSOCIATION_ID = '8dfe3659-4309-493a-8755-0123456789ab';

/** What was wrong with a command, as a sentence of the language the answer is in. */
export type CommandProblem = (t: Catalog) => string;

export type Invalid = { kind: 'invalid'; problem: CommandProblem };

/** `lang ja` anywhere in a command: the language of that command's answers and thread. */
export type ParsedCommand = CommandKind & { lang?: Lang };

type CommandKind =
  | { kind: 'help' }
  | { kind: 'history'; associationId?: string }
  | { kind: 'stats' }
  | { kind: 'doctor' }
  | { kind: 'investigate'; associationId: string; account?: string; region?: string }
  | SubscriptionCommand
  | FleetCommand
  /** `/ssm-why lang [en|ja|auto]`: shows (no setting) or sets the channel's language. */
  | { kind: 'lang'; setting?: ChannelLangSetting }
  | Invalid;

export function parseCommand(rawText: string): ParsedCommand {
  const tokens = tokenize(rawText);
  if (tokens[0]?.toLowerCase() === 'lang') return parseLangSetting(tokens.slice(1));
  const chosen = extractLang(tokens);
  if ('kind' in chosen) return chosen;
  const parsed = parseKind(chosen.tokens);
  return chosen.lang ? { ...parsed, lang: chosen.lang } : parsed;
}

function parseLangSetting(rest: string[]): ParsedCommand {
  if (rest.length === 0) return { kind: 'lang' };
  const [value, ...extra] = rest;
  if (value === undefined || extra.length > 0)
    return { kind: 'invalid', problem: (t) => t.slack.problems.langArguments };
  const setting = value.toLowerCase();
  if (!isChannelLangSetting(setting)) {
    return { kind: 'invalid', problem: (t) => t.slack.problems.notALangSetting(clip(value)) };
  }
  return { kind: 'lang', setting };
}

/** Takes `lang <en|ja>` (or `--lang=ja`) out of the tokens, once. */
function extractLang(tokens: string[]): { tokens: string[]; lang?: Lang } | Invalid {
  const at = tokens.findIndex((token, i) => i > 0 && splitFlag(token)[0] === 'lang');
  if (at === -1) return { tokens };
  const [, inline] = splitFlag(tokens[at] ?? '');
  const value = inline ?? tokens[at + 1];
  if (!value) return { kind: 'invalid', problem: (t) => t.slack.problems.needsValue('lang') };
  const lang = value.toLowerCase();
  if (!isLang(lang)) return { kind: 'invalid', problem: (t) => t.slack.problems.notALang(clip(value)) };
  const rest = [...tokens.slice(0, at), ...tokens.slice(at + (inline ? 1 : 2))];
  if (rest.slice(1).some((token) => splitFlag(token)[0] === 'lang')) {
    return { kind: 'invalid', problem: (t) => t.slack.problems.givenTwice('lang') };
  }
  return { tokens: rest, lang };
}

function parseKind(tokens: string[]): CommandKind {
  const [first, ...rest] = tokens;
  if (first === undefined || first.toLowerCase() === 'help' || first === '--help' || first === '-h') {
    return { kind: 'help' };
  }
  const verb = first.toLowerCase();
  if (verb === 'history') return parseHistory(rest);
  if (verb === 'failing') return parseFailing(rest);
  if (verb === 'stats' || verb === 'doctor') {
    return rest.length === 0 ? { kind: verb } : { kind: 'invalid', problem: (t) => t.slack.problems.noArguments(verb) };
  }
  if (isSubscriptionVerb(verb)) {
    const parsed = parseSubscriptionCommand(verb, rest);
    return parsed.kind === 'invalid' ? { kind: 'invalid', problem: parsed.problem } : parsed;
  }
  return parseInvestigate(first, rest);
}

function parseHistory(rest: string[]): CommandKind {
  if (rest.length === 0) return { kind: 'history' };
  const id = rest.length === 1 ? extractAssociationId(rest[0] ?? '') : undefined;
  if (!id) return { kind: 'invalid', problem: (t) => t.slack.problems.historyArguments };
  return { kind: 'history', associationId: id.associationId };
}

function parseInvestigate(first: string, rest: string[]): CommandKind {
  const target = extractAssociationId(first);
  if (!target) {
    const looksLikeId = /^[0-9a-f-]{8,}$/i.test(first) || first.includes('association');
    const token = clip(first);
    return {
      kind: 'invalid',
      problem: looksLikeId
        ? (t) => t.slack.problems.notAnAssociationId(token, EXAMPLE_ASSOCIATION_ID)
        : (t) => t.slack.problems.unknownSubcommand(token),
    };
  }
  const result: { kind: 'investigate'; associationId: string; account?: string; region?: string } = {
    kind: 'investigate',
    associationId: target.associationId,
  };
  if (target.region) result.region = target.region;
  if (target.account) result.account = target.account;

  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? '';
    const [flag, inline] = splitFlag(token);
    if (flag !== 'account' && flag !== 'region') {
      return { kind: 'invalid', problem: (t) => t.slack.problems.unexpectedOption(clip(token)) };
    }
    const value = inline ?? rest[++i];
    if (!value) return { kind: 'invalid', problem: (t) => t.slack.problems.needsValue(flag) };
    if (flag === 'region') {
      if (!REGION.test(value)) return { kind: 'invalid', problem: (t) => t.slack.problems.notARegion(clip(value)) };
      result.region = value;
    } else {
      result.account = value;
    }
  }
  return result;
}

export function splitFlag(token: string): [string, string | undefined] {
  const bare = token.replace(/^--?/, '').toLowerCase();
  const eq = bare.indexOf('=');
  if (eq === -1) return [bare, undefined];
  return [bare.slice(0, eq), token.slice(token.indexOf('=') + 1) || undefined];
}

/**
 * Finds an association id in a bare id, an ARN (`arn:aws:ssm:eu-west-1:111122223333:association/<id>`)
 * or a console URL (`https://eu-west-1.console.aws.amazon.com/systems-manager/state-manager/<id>/…?region=eu-west-1`).
 */
export function extractAssociationId(
  token: string,
): { associationId: string; region?: string; account?: string } | undefined {
  if (ASSOCIATION_ID_EXACT.test(token)) return { associationId: token.toLowerCase() };
  const arn = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):association\/(.+)$/.exec(token);
  if (arn) {
    const [, region, account, id] = arn;
    if (!id || !ASSOCIATION_ID_EXACT.test(id)) return undefined;
    return { associationId: id.toLowerCase(), region, account };
  }
  if (/^https:\/\//.test(token)) {
    let url: URL;
    try {
      url = new URL(token);
    } catch {
      return undefined;
    }
    if (!/(^|\.)console\.aws\.amazon\.com$/.test(url.hostname)) return undefined;
    const id = `${url.pathname}${url.hash}`.match(ASSOCIATION_ID)?.[0];
    if (!id) return undefined;
    const region = url.searchParams.get('region') ?? url.hostname.split('.')[0];
    return region && REGION.test(region)
      ? { associationId: id.toLowerCase(), region }
      : { associationId: id.toLowerCase() };
  }
  return undefined;
}

/** Splits on whitespace; Slack wraps pasted links as `<url>` or `<url|label>`. */
export function tokenize(text: string): string[] {
  return text
    .replace(/<([^>|]+)(\|[^>]*)?>/g, '$1')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

export const clip = (text: string) => clipText(text, 78).replace(/`/g, "'");
