// Parses `/ssm-why subscribe | unsubscribe | subscriptions …` (pure): the filter of a subscription, or which
// subscription to remove.
//
//   subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]
//   unsubscribe <id|all>
//   subscriptions
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

type Invalid = { kind: 'invalid'; problem: string };

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

const USAGE =
  'Usage: `subscribe [account <name|id>] [region <region>] [association <id> | document <name> | name <glob>]`.';

export function parseSubscriptionCommand(
  verb: SubscriptionCommand['kind'],
  rest: string[],
): SubscriptionCommand | Invalid {
  if (verb === 'subscriptions') {
    return rest.length === 0
      ? { kind: 'subscriptions' }
      : { kind: 'invalid', problem: '`subscriptions` takes no options: it lists this channel’s subscriptions.' };
  }
  if (verb === 'unsubscribe') return parseUnsubscribe(rest);
  return parseSubscribe(rest);
}

function parseUnsubscribe(rest: string[]): SubscriptionCommand | Invalid {
  const [target, ...extra] = rest;
  if (target === undefined || extra.length > 0) {
    return { kind: 'invalid', problem: '`unsubscribe` takes one subscription id (see `subscriptions`) or `all`.' };
  }
  if (target.toLowerCase() === 'all') return { kind: 'unsubscribe', target: 'all' };
  if (!SUBSCRIPTION_ID.test(target)) {
    return {
      kind: 'invalid',
      problem: `\`${clip(target)}\` is not a subscription id. \`subscriptions\` lists them (e.g. \`3f9a0c1e\`).`,
    };
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
      return { kind: 'invalid', problem: `Unexpected \`${clip(token)}\`. ${USAGE}` };
    }
    if (seen.has(flag)) return { kind: 'invalid', problem: `\`${flag}\` is given twice.` };
    seen.add(flag);
    const value = inline ?? rest[++i];
    if (!value) return { kind: 'invalid', problem: `\`${flag}\` needs a value.` };
    const problem = setOption(filter, flag, value);
    if (problem) return { kind: 'invalid', problem };
  }
  const kinds = [filter.associationId, filter.documentName, filter.namePattern].filter((v) => v !== undefined);
  if (kinds.length > 1) {
    return {
      kind: 'invalid',
      problem: 'Choose one of `association`, `document` or `name` (subscribe again for another).',
    };
  }
  return { kind: 'subscribe', filter };
}

/** Sets one option; answers the problem when the value is not acceptable. */
function setOption(filter: SubscribeOptions, flag: Option, value: string): string | undefined {
  switch (flag) {
    case 'account':
      if (!ACCOUNT.test(value)) return `\`${clip(value)}\` is not an account name or id.`;
      // Typed wins over an ARN's account id: it may be the same account by name.
      filter.account = value;
      return undefined;
    case 'region':
      if (!REGION.test(value)) return `\`${clip(value)}\` is not an AWS region (e.g. eu-west-1).`;
      if (filter.region && filter.region !== value)
        return `The association is in region ${filter.region}, not ${clip(value)}.`;
      filter.region = value;
      return undefined;
    case 'association': {
      const found = extractAssociationId(value);
      if (!found) return `\`${clip(value)}\` is not a valid association id.`;
      filter.associationId = found.associationId;
      // An ARN or console URL also says where it lives; its region must agree with a typed one.
      if (found.region) {
        if (filter.region && filter.region !== found.region) {
          return `The association is in region ${found.region}, not ${filter.region}.`;
        }
        filter.region = found.region;
      }
      if (found.account && !filter.account) filter.account = found.account;
      return undefined;
    }
    case 'document':
      if (!DOCUMENT.test(value)) return `\`${clip(value)}\` is not an SSM document name.`;
      filter.documentName = value;
      return undefined;
    case 'name':
      if (!NAME_GLOB.test(value)) {
        return `\`${clip(value)}\` is not an association name pattern (letters, digits, \`_-.\`, and \`*\` or \`?\`).`;
      }
      filter.namePattern = value;
      return undefined;
  }
}
