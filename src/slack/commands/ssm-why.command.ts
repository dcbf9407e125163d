// `/ssm-why …`: a thin listener — parse, authorize, hand the request to the durable worker, answer. Locating
// the association and the investigation run in the worker (started at once, resumed after a crash).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { DoctorCheck } from '../../doctor/ports.ts';
import { verdictStats } from '../../domain/verdict-stats.ts';
import type { RemediationStore } from '../../fleet/ports.ts';
import { DEFAULT_LANG } from '../../i18n/index.ts';
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
  /** How long the ack waits for the request to be stored; STORE_BUDGET_MS unless set. */
  storeBudgetMs?: number;
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
      return ack({ response_type: 'ephemeral', ...renderUsage({ command: command.command, lang: DEFAULT_LANG }) });
    if (parsed.kind === 'invalid') {
      return ack({
        response_type: 'ephemeral',
        ...renderUsage({ command: command.command, problem: parsed.problem, lang: DEFAULT_LANG }),
      });
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
        ...renderStats({
          stats: verdictStats(rows),
          days: STATS_DAYS,
          accountNames: accounts.map((a) => a.name),
          lang: DEFAULT_LANG,
        }),
      });
      return;
    }
    if (parsed.kind === 'doctor') {
      const accounts = deps.accounts.filter((a) => mayUseAccount(a, who.channelId));
      if (!deps.doctor || accounts.length === 0) {
        return ack({ response_type: 'ephemeral', ...renderDoctor({ checks: [], accounts: 0, lang: DEFAULT_LANG }) });
      }
      await ack({ response_type: 'ephemeral', ...renderDoctorRunning(accounts.length, DEFAULT_LANG) });
      const checks = await deps.doctor(accounts);
      await respond({
        response_type: 'ephemeral',
        ...renderDoctor({ checks, accounts: accounts.length, lang: DEFAULT_LANG }),
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
        lang: DEFAULT_LANG,
      });
      await respond({ response_type: 'ephemeral', ...withRemediationHistory(history, remediations, DEFAULT_LANG) });
      return;
    }

    const plan = await deps.authorizer.command(
      { associationId: parsed.associationId, channelId: who.channelId, lang: DEFAULT_LANG, ...pick(parsed) },
      who,
    );
    if (plan.kind === 'unauthorized') {
      return ack({
        response_type: 'ephemeral',
        ...renderUnauthorized({
          accountName: plan.account?.name ?? 'any configured account',
          ...(plan.account ? { accountId: plan.account.id } : {}),
          lang: DEFAULT_LANG,
        }),
      });
    }
    if (plan.kind === 'invalid') return ack({ response_type: 'ephemeral', ...renderProblem(plan.reason) });
    const [first] = plan.pairs;
    const single = plan.pairs.length === 1 ? first : undefined;
    // A single place to look is pinned on the request, so the worker knows the ack already said where.
    const where = single ? { account: single.account.id, region: single.region } : pick(parsed);
    // Stored before the ack when the database answers within STORE_BUDGET_MS (it does in milliseconds), so a
    // crash after "queued" loses nothing and a failure to store is the ack itself. A database slower than that
    // must not hold the ack past Slack's 3 s wall: the ack then goes out first, and a late failure is told through
    // the response_url (the README, Speed, says so).
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
        () => 'stored' as const,
        (error: unknown) => ({ error }), // always handled below (never an unhandled rejection)
      );
    const notStored = (failed: { error: unknown }) => {
      logger.error('investigation could not be started', failed.error);
      return { response_type: 'ephemeral' as const, ...renderProblem(COULD_NOT_START) };
    };
    const early = await within(stored, deps.storeBudgetMs ?? STORE_BUDGET_MS);
    if (early !== 'late' && early !== 'stored') return ack(notStored(early));
    await ack({
      response_type: 'ephemeral',
      ...(single
        ? renderQueuedAck({
            associationId: parsed.associationId,
            accountName: single.account.name,
            region: single.region,
            lang: DEFAULT_LANG,
          })
        : renderProblem(`Looking for ${parsed.associationId} in ${plan.pairs.length} account/region pairs…`)),
    });
    if (early !== 'late') return;
    const late = await stored;
    if (late !== 'stored') await respond({ replace_original: false, ...notStored(late) });
  };
}

const COULD_NOT_START = 'Sorry — the investigation could not be started. Please try again.';

/** How long the ack waits for the request to be stored before it answers anyway (SSM_WHY_ACK_STORE_BUDGET_MS). */
export const STORE_BUDGET_MS = 150;

/** `work`'s value if it settles within `ms`, else 'late' (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function pick(parsed: { account?: string; region?: string }): { account?: string; region?: string } {
  const out: { account?: string; region?: string } = {};
  if (parsed.account) out.account = parsed.account;
  if (parsed.region) out.region = parsed.region;
  return out;
}
