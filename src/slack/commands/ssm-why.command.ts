// `/ssm-why …`: a thin listener — parse, authorize, hand the request to the durable worker, answer. Locating
// the association and the investigation run in the worker (started at once, resumed after a crash).

import type { DoctorCheck } from '../../doctor/ports.ts';
import { verdictStats } from '../../domain/verdict-stats.ts';
import type { RemediationStore } from '../../fleet/ports.ts';
import type { ChannelLanguageStore } from '../../i18n/choice.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { type Authorizer, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, FeedbackStore, InvestigationStore } from '../../investigation/ports.ts';
import type { InvestigationWorker } from '../../investigation/worker.ts';
import { within } from '../../time-budget.ts';
import type { Languages } from '../language.ts';
import { parseCommand } from '../parse-command.ts';
import { renderDoctor, renderDoctorRunning } from '../views/doctor.view.ts';
import { renderProblem, renderQueuedAck, renderUnauthorized } from '../views/errors.view.ts';
import { renderStats } from '../views/feedback.view.ts';
import { renderHistory } from '../views/history.view.ts';
import { withRemediationHistory } from '../views/remediation.view.ts';
import { renderUsage } from '../views/usage.view.ts';
import { type FleetCommandDeps, fleetCommand } from './fleet.command.ts';
import { langCommand } from './lang.command.ts';
import type { CommandArgs } from './subcommand.ts';
import { type SubscriptionCommandDeps, subscriptionCommand } from './subscriptions.command.ts';

export interface CommandDeps {
  /** Every configured account (the doctor checks those open to the channel). */
  accounts: readonly AccountRef[];
  authorizer: Authorizer;
  worker: Pick<InvestigationWorker, 'submit'>;
  /** How long the ack waits for the request to be stored; STORE_BUDGET_MS unless set. */
  storeBudgetMs?: number;
  store: InvestigationStore;
  audit: AuditLog;
  /** Channels' language settings (`/ssm-why lang`). */
  channelLanguages: ChannelLanguageStore;
  /** The language of each answer and thread (command's `lang`, channel, user's Slack locale). */
  languages: Languages;
  /** `subscribe` / `unsubscribe` / `subscriptions`; absent → answered as not enabled. */
  alerts?: SubscriptionCommandDeps;
  /** `failing`; absent → answered as not enabled. */
  fleet?: FleetCommandDeps;
  /** Verdict feedback, read by `stats`; absent → `stats` is answered as not enabled. */
  feedback?: FeedbackStore;
  /** Run now records, listed by `history`. */
  remediations?: Pick<RemediationStore, 'findRecent'>;
  /** `/ssm-why doctor`: the setup checks for these accounts; absent → answered as not enabled. */
  doctor?: (accounts: readonly AccountRef[], lang: Lang) => Promise<DoctorCheck[]>;
}

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
    // Looked up at once (channel setting, user's locale), each within a small budget, while the rest goes on.
    const speaking = deps.languages.of(who, parsed.lang);

    if (parsed.kind === 'help') {
      const { personal } = await speaking;
      return ack({ response_type: 'ephemeral', ...renderUsage({ command: command.command, lang: personal }) });
    }
    if (parsed.kind === 'invalid') {
      const { personal } = await speaking;
      return ack({
        response_type: 'ephemeral',
        ...renderUsage({ command: command.command, problem: parsed.problem(texts(personal)), lang: personal }),
      });
    }
    if (parsed.kind === 'lang') {
      const speech = await speaking;
      const answer = await langCommand(
        { languages: deps.channelLanguages, audit: deps.audit },
        {
          who,
          ...(parsed.setting ? { setting: parsed.setting } : {}),
          personal: speech.personal,
          ...(speech.user ? { userLang: speech.user } : {}),
        },
      );
      return ack({ response_type: 'ephemeral', ...answer });
    }
    if (parsed.kind === 'subscribe' || parsed.kind === 'unsubscribe' || parsed.kind === 'subscriptions') {
      return subscriptionCommand(deps.alerts, parsed, { command, ack, respond, logger, speaking });
    }
    if (parsed.kind === 'failing') {
      return fleetCommand(deps.fleet, parsed, { command, ack, respond, logger, speaking });
    }
    if (parsed.kind === 'stats') {
      await ack();
      const { personal } = await speaking;
      const t = texts(personal);
      if (!deps.feedback) {
        await respond({ response_type: 'ephemeral', ...renderProblem(t.slack.command.statsDisabled) });
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
          lang: personal,
        }),
      });
      return;
    }
    if (parsed.kind === 'doctor') {
      const { personal } = await speaking;
      const accounts = deps.accounts.filter((a) => mayUseAccount(a, who.channelId));
      if (!deps.doctor || accounts.length === 0) {
        return ack({ response_type: 'ephemeral', ...renderDoctor({ checks: [], accounts: 0, lang: personal }) });
      }
      await ack({ response_type: 'ephemeral', ...renderDoctorRunning(accounts.length, personal) });
      const checks = await deps.doctor(accounts, personal);
      await respond({
        response_type: 'ephemeral',
        ...renderDoctor({ checks, accounts: accounts.length, lang: personal }),
      });
      return;
    }
    if (parsed.kind === 'history') {
      await ack();
      const { personal } = await speaking;
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
        lang: personal,
      });
      await respond({ response_type: 'ephemeral', ...withRemediationHistory(history, remediations, personal) });
      return;
    }

    const speech = await speaking;
    const t = texts(speech.personal);
    const plan = await deps.authorizer.command(
      { associationId: parsed.associationId, channelId: who.channelId, lang: speech.personal, ...pick(parsed) },
      who,
    );
    if (plan.kind === 'unauthorized') {
      return ack({
        response_type: 'ephemeral',
        ...renderUnauthorized({
          accountName: plan.account?.name ?? t.slack.command.anyAccount,
          ...(plan.account ? { accountId: plan.account.id } : {}),
          lang: speech.personal,
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
        lang: speech.thread,
        intentKey: `command:${who.teamId}:${command.trigger_id}`,
      })
      .then(
        () => 'stored' as const,
        (error: unknown) => ({ error }), // always handled below (never an unhandled rejection)
      );
    const notStored = (failed: { error: unknown }) => {
      logger.error('investigation could not be started', failed.error);
      return { response_type: 'ephemeral' as const, ...renderProblem(t.slack.command.couldNotStart) };
    };
    const early = await within(stored, deps.storeBudgetMs ?? STORE_BUDGET_MS, 'late' as const);
    if (early !== 'late' && early !== 'stored') return ack(notStored(early));
    await ack({
      response_type: 'ephemeral',
      ...(single
        ? renderQueuedAck({
            associationId: parsed.associationId,
            accountName: single.account.name,
            region: single.region,
            lang: speech.personal,
          })
        : renderProblem(t.slack.command.lookingIn(parsed.associationId, plan.pairs.length))),
    });
    if (early !== 'late') return;
    const late = await stored;
    if (late !== 'stored') await respond({ replace_original: false, ...notStored(late) });
  };
}

/** How long the ack waits for the request to be stored before it answers anyway (SSM_WHY_ACK_STORE_BUDGET_MS). */
export const STORE_BUDGET_MS = 150;

function pick(parsed: { account?: string; region?: string }): { account?: string; region?: string } {
  const out: { account?: string; region?: string } = {};
  if (parsed.account) out.account = parsed.account;
  if (parsed.region) out.region = parsed.region;
  return out;
}
