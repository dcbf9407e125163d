// `/ssm-why …`: a thin listener — parse, authorize, hand the request to the durable worker, answer. Locating
// the association and the investigation run in the worker (started at once, resumed after a crash).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { DoctorCheck } from '../../doctor/ports.ts';
import { verdictStats } from '../../domain/verdict-stats.ts';
import type { RemediationStore } from '../../fleet/ports.ts';
import { type Authorizer, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, FeedbackStore, InvestigationStore } from '../../investigation/ports.ts';
import type { InvestigationWorker } from '../../investigation/worker.ts';
import { parseCommand } from '../parse-command.ts';
import { renderDoctor, renderDoctorRunning } from '../views/doctor.view.ts';
import { renderProblem, renderQueuedAck, renderUnauthorized } from '../views/errors.view.ts';
import { renderStats } from '../views/feedback.view.ts';
import { renderHistory } from '../views/history.view.ts';
import { withRemediationHistory } from '../views/remediation.view.ts';
import { renderUsage } from '../views/usage.view.ts';
import { type FleetCommandDeps, fleetCommand } from './fleet.command.ts';
import { type SubscriptionCommandDeps, subscriptionCommand } from './subscriptions.command.ts';

export interface CommandDeps {
  /** Every configured account (the doctor checks those open to the channel). */
  accounts: readonly AccountRef[];
  authorizer: Authorizer;
  worker: Pick<InvestigationWorker, 'submit'>;
  store: InvestigationStore;
  /** `subscribe` / `unsubscribe` / `subscriptions`; absent → answered as not enabled. */
  alerts?: SubscriptionCommandDeps;
  /** `failing`; absent → answered as not enabled. */
  fleet?: FleetCommandDeps;
  /** Verdict feedback, read by `stats`; absent → `stats` is answered as not enabled. */
  feedback?: FeedbackStore;
  /** Run now records, listed by `history`. */
  remediations?: Pick<RemediationStore, 'findRecent'>;
  /** `/ssm-why doctor`: the setup checks for these accounts; absent → answered as not enabled. */
  doctor?: (accounts: readonly AccountRef[]) => Promise<DoctorCheck[]>;
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
    if (parsed.kind === 'doctor') {
      const accounts = deps.accounts.filter((a) => mayUseAccount(a, who.channelId));
      if (!deps.doctor || accounts.length === 0) {
        return ack({ response_type: 'ephemeral', ...renderDoctor({ checks: [], accounts: 0 }) });
      }
      await ack({ response_type: 'ephemeral', ...renderDoctorRunning(accounts.length) });
      const checks = await deps.doctor(accounts);
      await respond({ response_type: 'ephemeral', ...renderDoctor({ checks, accounts: accounts.length }) });
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

    const plan = await deps.authorizer.command(
      { associationId: parsed.associationId, channelId: who.channelId, ...pick(parsed) },
      who,
    );
    if (plan.kind === 'unauthorized') {
      return ack({
        response_type: 'ephemeral',
        ...renderUnauthorized({
          accountName: plan.account?.name ?? 'any configured account',
          ...(plan.account ? { accountId: plan.account.id } : {}),
        }),
      });
    }
    if (plan.kind === 'invalid') return ack({ response_type: 'ephemeral', ...renderProblem(plan.reason) });
    const [first] = plan.pairs;
    const single = plan.pairs.length === 1 ? first : undefined;
    // A single place to look is pinned on the request, so the worker knows the ack already said where.
    const where = single ? { account: single.account.id, region: single.region } : pick(parsed);
    // Answer first, store in the same tick: the insert is issued before the ack is written, so the ack never waits
    // behind the database (one connection on PGlite, shared with running investigations). A failure to store is
    // told to the requester through the response_url. A process that dies in the milliseconds between the two loses
    // the request, as one that dies before answering would (the README, Speed, says so).
    // Slack's retries of one command carry the same trigger_id: the same intent, the same request.
    const stored = deps.worker
      .submit({
        ...who,
        associationId: parsed.associationId,
        ...where,
        located: false,
        trigger: 'command',
        responseUrl: command.response_url,
        intentKey: `command:${who.teamId}:${command.trigger_id}`,
      })
      .then(
        () => undefined,
        (error: unknown) => ({ error }), // handled below, once the ack is out (never an unhandled rejection)
      );
    await ack({
      response_type: 'ephemeral',
      ...(single
        ? renderQueuedAck({
            associationId: parsed.associationId,
            accountName: single.account.name,
            region: single.region,
          })
        : renderProblem(`Looking for ${parsed.associationId} in ${plan.pairs.length} account/region pairs…`)),
    });
    const failed = await stored;
    if (failed) {
      logger.error('investigation could not be started', failed.error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
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
