// Parses `/ssm-why subscribe | unsubscribe | subscriptions …` (pure): the filter of a subscription, or which
// subscription to remove.
//
//   subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]
//   unsubscribe <id|all>
//   subscriptions
import type { Catalog } from '../i18n/index.ts';
import { clip, extractAssociationId, REGION, splitFlag } from './parse-command.ts';

export interface SubscribeOptions {
  account?: string;
  region?: string;
  associationId?: string;
  documentName?: string;
  namePattern?: string;
}

export type SubscriptionCommand =
  | { kind: 'subscribe'; filter: SubscribeOptions }
  | { kind: 'unsubscribe'; target: 'all' | string }
  | { kind: 'subscriptions' };

/** What is wrong, said from the reader's catalog. */
type Problem = (t: Catalog) => string;
type Invalid = { kind: 'invalid'; problem: Problem };

const VERBS = new Set(['subscribe', 'unsubscribe', 'subscriptions']);
export const isSubscriptionVerb = (verb: string): verb is SubscriptionCommand['kind'] => VERBS.has(verb);

/** An account name or a 12-digit id, as the accounts file allows. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** An SSM document name (AWS's pattern), or a shared document's ARN. */
const DOCUMENT = /^(?:[a-zA-Z0-9_\-.]{3,128}|arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:document\/[a-zA-Z0-9_\-.]{3,128})$/;
/** An association name glob: AWS's name characters plus `*` and `?`. */
const NAME_GLOB = /^[a-zA-Z0-9_\-.*?]{1,128}$/;
/** A subscription id: the short form shown in lists (8 hex digits) or the whole UUID. */
const SUBSCRIPTION_ID = /^(?:[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const OPTIONS = ['account', 'region', 'association', 'document', 'name'] as const;
type Option = (typeof OPTIONS)[number];
const isOption = (flag: string): flag is Option => (OPTIONS as readonly string[]).includes(flag);

export function parseSubscriptionCommand(
  verb: SubscriptionCommand['kind'],
  rest: string[],
): SubscriptionCommand | Invalid {
  if (verb === 'subscriptions') {
    return rest.length === 0
      ? { kind: 'subscriptions' }
      : { kind: 'invalid', problem: (t) => t.slack.problems.subscriptions.listTakesNothing };
  }
  if (verb === 'unsubscribe') return parseUnsubscribe(rest);
  return parseSubscribe(rest);
}

function parseUnsubscribe(rest: string[]): SubscriptionCommand | Invalid {
  const [target, ...extra] = rest;
  if (target === undefined || extra.length > 0) {
    return { kind: 'invalid', problem: (t) => t.slack.problems.subscriptions.unsubscribeTakesOne };
  }
  if (target.toLowerCase() === 'all') return { kind: 'unsubscribe', target: 'all' };
  if (!SUBSCRIPTION_ID.test(target)) {
    const token = clip(target);
    return { kind: 'invalid', problem: (t) => t.slack.problems.subscriptions.notAnId(token) };
  }
  return { kind: 'unsubscribe', target: target.toLowerCase() };
}

function parseSubscribe(rest: string[]): SubscriptionCommand | Invalid {
  const filter: SubscribeOptions = {};
  const seen = new Set<Option>();
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? '';
    const [flag, inline] = splitFlag(token);
    if (!isOption(flag)) {
      const unexpected = clip(token);
      return { kind: 'invalid', problem: (t) => t.slack.problems.subscriptions.unexpected(unexpected) };
    }
    if (seen.has(flag)) return { kind: 'invalid', problem: (t) => t.slack.problems.givenTwice(flag) };
    seen.add(flag);
    const value = inline ?? rest[++i];
    if (!value) return { kind: 'invalid', problem: (t) => t.slack.problems.needsValue(flag) };
    const problem = setOption(filter, flag, value);
    if (problem) return { kind: 'invalid', problem };
  }
  const kinds = [filter.associationId, filter.documentName, filter.namePattern].filter((v) => v !== undefined);
  if (kinds.length > 1) {
    return { kind: 'invalid', problem: (t) => t.slack.problems.subscriptions.chooseOne };
  }
  return { kind: 'subscribe', filter };
}

/** Sets one option; answers the problem when the value is not acceptable. */
function setOption(filter: SubscribeOptions, flag: Option, value: string): Problem | undefined {
  const shown = clip(value);
  const say = (t: Catalog) => t.slack.problems.subscriptions;
  switch (flag) {
    case 'account':
      if (!ACCOUNT.test(value)) return (t) => say(t).notAnAccount(shown);
      // Typed wins over an ARN's account id: it may be the same account by name.
      filter.account = value;
      return undefined;
    case 'region':
      if (!REGION.test(value)) return (t) => t.slack.problems.notARegion(shown);
      if (filter.region && filter.region !== value) {
        const region = filter.region;
        return (t) => say(t).otherRegion(region, shown);
      }
      filter.region = value;
      return undefined;
    case 'association': {
      const found = extractAssociationId(value);
      if (!found) return (t) => say(t).notAnAssociationId(shown);
      filter.associationId = found.associationId;
      // An ARN or console URL also says where it lives; its region must agree with a typed one.
      if (found.region) {
        if (filter.region && filter.region !== found.region) {
          const [region, typed] = [found.region, filter.region];
          return (t) => say(t).otherRegion(region, typed);
        }
        filter.region = found.region;
      }
      if (found.account && !filter.account) filter.account = found.account;
      return undefined;
    }
    case 'document':
      if (!DOCUMENT.test(value)) return (t) => say(t).notADocument(shown);
      filter.documentName = value;
      return undefined;
    case 'name':
      if (!NAME_GLOB.test(value)) return (t) => say(t).notANamePattern(shown);
      filter.namePattern = value;
      return undefined;
  }
}
