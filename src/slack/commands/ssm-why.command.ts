// `/ssm-why …`: acks within Slack's 3 s with pure work only (parse, plan the search, authorize), then
// locates the association and queues the investigation after the ack.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { verdictStats } from '../../domain/verdict-stats.ts';
import type { RemediationStore } from '../../fleet/ports.ts';
import { mayUseAccount } from '../../investigation/authorize.ts';
import type { LocateFailure, Locator } from '../../investigation/locate.ts';
import type { AccountRef, AuditLog, FeedbackStore, InvestigationStore } from '../../investigation/ports.ts';
import type { StartInvestigation } from '../../investigation/start.ts';
import { locationToken } from '../location-token.ts';
import { parseCommand } from '../parse-command.ts';
import {
  renderAmbiguous,
  renderNotFound,
  renderProblem,
  renderQueuedAck,
  renderUnauthorized,
} from '../views/errors.view.ts';
import { renderStats } from '../views/feedback.view.ts';
import { renderHistory } from '../views/history.view.ts';
import { withRemediationHistory } from '../views/remediation.view.ts';
import { renderUsage } from '../views/usage.view.ts';
import { type FleetCommandDeps, fleetCommand } from './fleet.command.ts';
import { type SubscriptionCommandDeps, subscriptionCommand } from './subscriptions.command.ts';

export interface CommandDeps {
  accounts: readonly AccountRef[];
  locator: Locator;
  start: StartInvestigation;
  store: InvestigationStore;
  audit: AuditLog;
  /** `subscribe` / `unsubscribe` / `subscriptions`; absent → answered as not enabled. */
  alerts?: SubscriptionCommandDeps;
  /** `failing`; absent → answered as not enabled. */
  fleet?: FleetCommandDeps;
  /** Verdict feedback, read by `stats`; absent → `stats` is answered as not enabled. */
  feedback?: FeedbackStore;
  /** Run now records, listed by `history`. */
  remediations?: Pick<RemediationStore, 'findRecent'>;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** The window of `/ssm-why stats`. */
const STATS_DAYS = 30;

export function ssmWhyCommand(deps: CommandDeps) {
  // The workspace's URL (auth.test), so history can link straight to each thread; asked once per team.
  const workspaceUrls = new Map<string, Promise<string | undefined>>();
  const workspaceUrlOf = (teamId: string, client: CommandArgs['client']) => {
    let url = workspaceUrls.get(teamId);
    if (!url) {
      url = client.auth.test().then(
        (r) => (typeof r.url === 'string' ? r.url : undefined),
        () => {
          workspaceUrls.delete(teamId); // ask again next time
          return undefined;
        },
      );
      workspaceUrls.set(teamId, url);
    }
    return url;
  };

  return async ({ command, ack, respond, logger, client }: CommandArgs): Promise<void> => {
    const parsed = parseCommand(command.text ?? '');
    const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };

    if (parsed.kind === 'help')
      return ack({ response_type: 'ephemeral', ...renderUsage({ command: command.command }) });
    if (parsed.kind === 'invalid') {
      return ack({ response_type: 'ephemeral', ...renderUsage({ command: command.command, problem: parsed.problem }) });
    }
    if (parsed.kind === 'subscribe' || parsed.kind === 'unsubscribe' || parsed.kind === 'subscriptions') {
      return subscriptionCommand(deps.alerts, parsed, { command, ack, respond, logger });
    }
    if (parsed.kind === 'failing') return fleetCommand(deps.fleet, parsed, { command, ack, respond, logger });
    if (parsed.kind === 'stats') {
      await ack();
      if (!deps.feedback) {
        await respond({ response_type: 'ephemeral', ...renderProblem('Stats are not enabled here.') });
        return;
      }
      const accounts = deps.accounts.filter((a) => mayUseAccount(a, who.channelId));
      const rows = await deps.feedback.statsRows({
        teamId: who.teamId,
        accountIds: accounts.map((a) => a.id),
        since: new Date(Date.now() - STATS_DAYS * 86_400_000),
      });
      await respond({
        response_type: 'ephemeral',
        ...renderStats({ stats: verdictStats(rows), days: STATS_DAYS, accountNames: accounts.map((a) => a.name) }),
      });
      return;
    }
    if (parsed.kind === 'history') {
      await ack();
      const items = await deps.store.findRecent({
        teamId: who.teamId,
        channelId: who.channelId,
        limit: 10,
        ...(parsed.associationId ? { associationId: parsed.associationId } : {}),
      });
      const workspaceUrl = await workspaceUrlOf(who.teamId, client);
      const remediations =
        (await deps.remediations?.findRecent({
          teamId: who.teamId,
          channelId: who.channelId,
          limit: 10,
          ...(parsed.associationId ? { associationId: parsed.associationId } : {}),
        })) ?? [];
      const history = renderHistory({
        items,
        ...(parsed.associationId ? { associationId: parsed.associationId } : {}),
        ...(workspaceUrl ? { workspaceUrl } : {}),
      });
      await respond({ response_type: 'ephemeral', ...withRemediationHistory(history, remediations) });
      return;
    }

    const request = {
      associationId: parsed.associationId,
      channelId: who.channelId,
      userId: who.userId,
      ...pick(parsed),
    };
    const plan = deps.locator.plan(request);
    if (!('pairs' in plan)) {
      if (plan.kind === 'unauthorized') {
        await ack({
          response_type: 'ephemeral',
          ...renderUnauthorized({
            accountName: plan.account?.name ?? 'any configured account',
            ...(plan.account ? { accountId: plan.account.id } : {}),
          }),
        });
        await deps.audit.record({
          kind: 'investigation.refused',
          ...who,
          ...(plan.account ? { accountId: plan.account.id } : {}),
          subject: parsed.associationId,
          detail: { reason: plan.reason },
        });
        return;
      }
      return ack({
        response_type: 'ephemeral',
        ...renderProblem(plan.kind === 'invalid' ? plan.reason : 'Cannot investigate.'),
      });
    }
    const [first] = plan.pairs;
    const single = plan.pairs.length === 1 && first;
    await ack({
      response_type: 'ephemeral',
      ...(single
        ? renderQueuedAck({
            associationId: parsed.associationId,
            accountName: first.account.name,
            region: first.region,
          })
        : renderProblem(`Looking for ${parsed.associationId} in ${plan.pairs.length} account/region pairs…`)),
    });

    try {
      const result = await deps.locator.locate(request);
      if (result.kind === 'found') {
        const { account, region } = result.location;
        await deps.start(
          {
            associationId: parsed.associationId,
            accountId: account.id,
            accountName: account.name,
            region,
            trigger: 'command',
            ...who,
          },
          command.response_url,
        );
        if (!single) {
          await respond({
            response_type: 'ephemeral',
            replace_original: true,
            ...renderQueuedAck({ associationId: parsed.associationId, accountName: account.name, region }),
          });
        }
      } else if (result.kind === 'ambiguous') {
        await respond({
          response_type: 'ephemeral',
          ...renderAmbiguous({
            associationId: parsed.associationId,
            locations: result.locations.map((l) => ({
              accountName: l.account.name,
              accountId: l.account.id,
              region: l.region,
              documentName: l.documentName,
              token: locationToken.encode({
                associationId: parsed.associationId,
                accountId: l.account.id,
                region: l.region,
              }),
            })),
          }),
        });
      } else if (result.kind === 'not-found') {
        await respond({
          response_type: 'ephemeral',
          ...renderNotFound({
            associationId: parsed.associationId,
            searched: searchedByAccount(result.absent),
            couldNotLook: result.failures.map(unsearchedLocation),
          }),
        });
        if (result.problems.length > 0) logger.warn(`association search had problems: ${result.problems.join('; ')}`);
      } else {
        await respond({ response_type: 'ephemeral', ...renderProblem(result.reason) });
      }
    } catch (error) {
      logger.error('investigation could not be started', error);
      await respond({
        response_type: 'ephemeral',
        ...renderProblem('Sorry — the investigation could not be started. Please try again.'),
      });
    }
  };
}

function pick(parsed: { account?: string; region?: string }): { account?: string; region?: string } {
  const out: { account?: string; region?: string } = {};
  if (parsed.account) out.account = parsed.account;
  if (parsed.region) out.region = parsed.region;
  return out;
}

function unsearchedLocation(f: LocateFailure) {
  const call = f.operation === 'AssumeRole' ? `AssumeRole into ${f.roleArn ?? 'its role'}` : f.operation;
  return {
    accountName: f.account.name,
    accountId: f.account.id,
    region: f.region,
    call,
    code: f.code,
    meaning: f.meaning,
  };
}

function searchedByAccount(pairs: { account: AccountRef; region: string }[]) {
  const byAccount = new Map<string, { accountName: string; accountId: string; regions: string[] }>();
  for (const { account, region } of pairs) {
    const entry = byAccount.get(account.id) ?? { accountName: account.name, accountId: account.id, regions: [] };
    entry.regions.push(region);
    byAccount.set(account.id, entry);
  }
  return [...byAccount.values()];
}
