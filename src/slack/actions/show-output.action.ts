// Show output: a click on a step reply's button posts the target's (redacted) output in the investigation's
// thread, with the full text as a file when it is long. Every click is re-authorized against the channel it
// came from, fetched through the account's role as the clicking user, and at most one post per target is
// made within a short window however many people click.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { DEFAULT_LANG } from '../../i18n/index.ts';
import type { Authorizer } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, InvestigationRecord, InvestigationStore } from '../../investigation/ports.ts';
import type { ShowOutputService, TargetOutput } from '../../investigation/show-output.ts';
import type { IntentClaims } from '../../investigation/work-ports.ts';
import { clicker } from '../clicker.ts';
import { slackErrorCode } from '../messages.ts';
import { outputRef } from '../output-ref.ts';
import { renderButtonRefusal, renderProblem } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';
import { renderFailedTargetList, renderOutputRecentlyShown, renderTargetOutput } from '../views/output.view.ts';

/** One post per target per this long, however many people click on however many replicas. */
export const SHOW_OUTPUT_WINDOW_SECONDS = 60;

export interface ShowOutputActionDeps {
  authorizer: Authorizer;
  store: InvestigationStore;
  audit: AuditLog;
  showOutput: ShowOutputService;
  /** Claims in the database: the double-click guard holds across replicas. */
  claims: IntentClaims;
  logger: { warn(object: object, message: string): void; info(object: object, message: string): void };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const ephemeral = (args: ButtonArgs, message: SlackMessage) =>
  args.respond({ response_type: 'ephemeral', replace_original: false, ...message });

/**
 * The investigation and account a click refers to, once the clicking channel may use that account;
 * otherwise the user has been told why (and a refusal is audited) and the result is undefined.
 */
async function authorize(
  deps: ShowOutputActionDeps,
  args: ButtonArgs,
  investigationId: string,
): Promise<{ investigation: InvestigationRecord; account: AccountRef } | undefined> {
  const who = clicker(args.body);
  const investigation = await deps.store.get(investigationId);
  const decision = await deps.authorizer.button(args.action.action_id, investigation, who, { investigationId });
  if (decision.kind !== 'allowed') {
    if (decision.kind === 'unauthorized' || decision.kind === 'other-channel') {
      deps.logger.info({ investigationId, channelId: who.channelId, refusal: decision.kind }, 'show output refused');
    }
    await ephemeral(args, renderButtonRefusal(decision, DEFAULT_LANG));
    return undefined;
  }
  if (!investigation) return undefined;
  return { investigation, account: decision.account };
}

/** A short description of what was shown, for the audit log and the app log (never the output). */
function summary(output: TargetOutput): Record<string, unknown> {
  const texts =
    output.kind === 'command'
      ? output.plugins.flatMap((p) => [p.stdout, p.stderr])
      : output.kind === 'automation'
        ? [output.automation.failureMessage ?? '', ...output.automation.failedSteps.map((s) => s.failureMessage ?? '')]
        : [output.executionSummary?.raw ?? ''];
  return {
    kind: output.kind,
    resourceId: output.context.target.resourceId,
    outputSource: output.context.target.outputSource?.id,
    characters: texts.reduce((sum, t) => sum + t.length, 0),
    redactions: texts.reduce((sum, t) => sum + (t.match(/\[REDACTED:/g)?.length ?? 0), 0),
  };
}

/** Show output: value = an opaque output ref (see output-ref.ts). */
export function showOutputAction(deps: ShowOutputActionDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ref = outputRef.decode(args.action.value ?? '');
    if (ref?.kind !== 'target') {
      await ephemeral(args, renderProblem('That button is no longer valid.'));
      return;
    }
    const allowed = await authorize(deps, args, ref.investigationId);
    if (!allowed) return;
    const { investigation, account } = allowed;
    const context = await deps.showOutput.resolve(investigation, ref.pointer);
    if (!context) {
      await ephemeral(args, renderProblem('That target is not part of the investigation any more.'));
      return;
    }
    const { target } = context;
    const key = `${investigation.id}|${target.resourceId}|${target.outputSource?.id ?? ''}`;
    if (!(await deps.claims.claim(`output:${key}`, SHOW_OUTPUT_WINDOW_SECONDS)).claimed) {
      await ephemeral(args, renderOutputRecentlyShown(target.resourceId, DEFAULT_LANG));
      return;
    }
    const who = clicker(args.body);
    const channel = investigation.channelId;
    const threadTs = investigation.threadTs ?? investigation.rootTs;
    try {
      const output = await deps.showOutput.fetch(context, account, { userId: who.userId });
      const rendered = renderTargetOutput(output, DEFAULT_LANG);
      await args.client.chat.postMessage({
        channel,
        text: rendered.message.text,
        blocks: rendered.message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      let file = false;
      if (rendered.file && threadTs) {
        // The message is in the thread already: a failed upload is reported, not retried as a whole.
        file = await args.client
          .filesUploadV2({
            channel_id: channel,
            thread_ts: threadTs,
            content: rendered.file.content,
            filename: rendered.file.filename,
            title: rendered.file.title,
          })
          .then(
            () => true,
            async (error: unknown) => {
              const code = slackErrorCode(error);
              deps.logger.warn({ investigationId: investigation.id, slackError: code }, 'output file upload failed');
              await ephemeral(
                args,
                renderProblem(
                  `The full output of ${target.resourceId} could not be uploaded${code ? ` (${code})` : ''}.`,
                ),
              );
              return false;
            },
          );
      }
      const detail = { ...summary(output), investigationId: investigation.id, file };
      await deps.audit.record({
        kind: 'output.shown',
        ...who,
        accountId: account.id,
        subject: investigation.associationId,
        detail,
      });
      deps.logger.info(detail, 'output shown');
    } catch (error) {
      await deps.claims.release(`output:${key}`).catch(() => {});
      const code = slackErrorCode(error);
      deps.logger.warn(
        { investigationId: investigation.id, resourceId: target.resourceId, slackError: code },
        'show output failed',
      );
      await ephemeral(
        args,
        renderProblem(`Could not post the output of ${target.resourceId}${code ? ` (${code})` : ''}. Try again.`),
      );
    }
  };
}

/** "All sampled failed targets…": an ephemeral list with a Show output button per target. */
export function showMoreOutputAction(deps: ShowOutputActionDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ref = outputRef.decode(args.action.value ?? '');
    if (ref?.kind !== 'more') {
      await ephemeral(args, renderProblem('That button is no longer valid.'));
      return;
    }
    const allowed = await authorize(deps, args, ref.investigationId);
    if (!allowed) return;
    const targets = await deps.showOutput.listFailed(allowed.investigation);
    if (targets.length === 0) {
      await ephemeral(args, renderProblem('This investigation sampled no failed target.'));
      return;
    }
    await ephemeral(
      args,
      renderFailedTargetList({ investigationId: ref.investigationId, targets, lang: DEFAULT_LANG }),
    );
  };
}
