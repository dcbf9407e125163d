// Run now in Slack: the button opens the confirmation dialog (views.open with the click's trigger_id), the
// dialog's submit runs the guarded remediation, and the verifier's one result lands in the thread.
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import type { RemediationRecord } from '../fleet/ports.ts';
import type { Remediation } from '../fleet/remediate.ts';
import type { RemediationMessenger, VerifyResult } from '../fleet/verify.ts';
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import { findAccountByNameOrId } from '../investigation/authorize.ts';
import type { AccountRef, InvestigationStore } from '../investigation/ports.ts';
import type { Languages } from './language.ts';
import { postMessage, updateMessage } from './messages.ts';
import { renderProblem, renderUnauthorized } from './views/errors.view.ts';
import type { SlackMessage } from './views/limits.ts';
import {
  renderRootVerified,
  renderRunAlready,
  renderRunFailed,
  renderRunNowModal,
  renderRunRefused,
  renderRunStarted,
  renderVerifyResult,
} from './views/remediation.view.ts';

export interface RemediationSlackDeps {
  remediation: Remediation;
  store: Pick<InvestigationStore, 'listSteps' | 'get'>;
  languages: Languages;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ephemeral = (client: webApi.WebClient, channel: string, user: string, message: SlackMessage) =>
  client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });

/** Run now: opens the dialog naming the association, account, region and targets count. */
export function runNowAction(deps: RemediationSlackDeps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const speaking = deps.languages.of({ teamId, channelId, userId: body.user.id });
    const prepared = await deps.remediation.prepare({ investigationId: action.value ?? '', teamId, channelId });
    const { personal } = await speaking;
    if (prepared.kind !== 'ok') {
      const message =
        prepared.kind === 'unauthorized'
          ? renderUnauthorized({ accountName: prepared.account.name, accountId: prepared.account.id, lang: personal })
          : renderProblem(texts(personal).slack.buttonsAnswer.runNowUnavailable);
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    const steps = await deps.store.listSteps(prepared.investigation.id);
    const counts = steps.find((s) => s.key === 'association')?.patch.association?.statusCounts;
    const targets = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : undefined;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderRunNowModal({
        investigation: prepared.investigation,
        accountName: prepared.account.name,
        roleArn: prepared.account.remediatorRoleArn as string,
        ...(targets !== undefined ? { targets } : {}),
        privateMetadata: JSON.stringify({ investigationId: prepared.investigation.id, channelId }),
        lang: personal,
      }),
    });
  };
}

/** The dialog's submit: only remediators; one call per verdict however often it is confirmed. */
export function confirmRunNowView(deps: RemediationSlackDeps) {
  return async ({ ack, body, view, client, logger }: ViewArgs): Promise<void> => {
    await ack();
    let meta: { investigationId?: string; channelId?: string };
    try {
      meta = JSON.parse(view.private_metadata || '{}') as typeof meta;
    } catch {
      return;
    }
    const channelId = meta.channelId ?? '';
    const userId = body.user.id;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const speaking = deps.languages.of({ teamId, channelId, userId });
    const result = await deps.remediation.confirm({
      investigationId: meta.investigationId ?? '',
      teamId,
      channelId,
      userId,
    });
    const { personal } = await speaking;
    // What goes in the thread speaks the investigation's language; what only the user sees, theirs.
    const threadLang = async () => (await deps.store.get(meta.investigationId ?? ''))?.lang ?? DEFAULT_LANG;
    try {
      switch (result.kind) {
        case 'started':
          await postMessage(
            client,
            channelId,
            renderRunStarted(result.remediation, await threadLang()),
            result.remediation.threadTs,
          );
          return;
        case 'failed':
          await postMessage(
            client,
            channelId,
            renderRunFailed(result.reason, await threadLang()),
            result.remediation.threadTs,
          );
          return;
        case 'not-remediator':
          await ephemeral(client, channelId, userId, renderRunRefused(result.account.name, personal));
          return;
        case 'already':
          await ephemeral(client, channelId, userId, renderRunAlready(result.remediation, personal));
          return;
        case 'unauthorized':
          await ephemeral(
            client,
            channelId,
            userId,
            renderUnauthorized({ accountName: result.account.name, accountId: result.account.id, lang: personal }),
          );
          return;
        default:
          await ephemeral(
            client,
            channelId,
            userId,
            renderProblem(texts(personal).slack.buttonsAnswer.runNowUnavailable),
          );
      }
    } catch (error) {
      logger.error('run now answer could not be posted', error);
    }
  };
}

/** Posts the verifier's one result in the thread; a verified run turns the root message ✅. */
export function createSlackRemediationMessenger(
  client: webApi.WebClient,
  accounts: readonly AccountRef[],
  store: Pick<InvestigationStore, 'get'>,
): RemediationMessenger {
  /** The thread's language: the investigation's whose verdict offered Run now. */
  const langOf = async (remediation: RemediationRecord): Promise<Lang> =>
    (await store.get(remediation.investigationId))?.lang ?? DEFAULT_LANG;
  return {
    async result(remediation: RemediationRecord, result: VerifyResult) {
      const lang = await langOf(remediation);
      const ts = await postMessage(
        client,
        remediation.channelId,
        renderVerifyResult(remediation, result, lang),
        remediation.threadTs,
      );
      if (result.kind === 'verified' && remediation.rootTs) {
        const name = findAccountByNameOrId(accounts, remediation.accountId)?.name ?? remediation.accountId;
        await updateMessage(
          client,
          remediation.channelId,
          remediation.rootTs,
          renderRootVerified(remediation, result, name, lang),
        );
      }
      return ts;
    },
    async compared(remediation, result, comparison) {
      if (!remediation.resultTs) return;
      await updateMessage(
        client,
        remediation.channelId,
        remediation.resultTs,
        renderVerifyResult(remediation, result, await langOf(remediation), comparison),
      );
    },
  };
}

/** Members of a user group, for the remediators list. */
export const userGroupMembers = (client: webApi.WebClient) => async (groupId: string) => {
  const answer = await client.usergroups.users.list({ usergroup: groupId });
  return answer.users ?? [];
};
