// Show output: a click on a step reply's button posts the target's (redacted) output in the investigation's
// thread, with the full text as a file when it is long. Every click is re-authorized against the channel it
// came from, fetched through the account's role as the clicking user, and at most one post per target is
// made within a short window however many people click.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { findAccountByNameOrId, mayUseAccount } from '../../investigation/authorize.ts';
import type { AccountRef, AuditLog, InvestigationRecord, InvestigationStore } from '../../investigation/ports.ts';
import type { ShowOutputService, TargetOutput } from '../../investigation/show-output.ts';
import { slackErrorCode } from '../messages.ts';
import { outputRef } from '../output-ref.ts';
import { renderProblem, renderUnauthorized } from '../views/errors.view.ts';
import type { SlackMessage } from '../views/limits.ts';
import { renderFailedTargetList, renderOutputRecentlyShown, renderTargetOutput } from '../views/output.view.ts';

/** Remembers what was just posted, so a double click or two people clicking at once post once. */
export interface ClickGuard {
  /** True when `key` was not claimed within the window (and claims it now). */
  claim(key: string): boolean;
  /** Gives a claim back (the post failed; a new click may try again). */
  release(key: string): void;
}

export function createClickGuard(options: { windowMs?: number; clock?: () => number } = {}): ClickGuard {
  const windowMs = options.windowMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  const claimed = new Map<string, number>();
  return {
    claim(key) {
      const now = clock();
      for (const [k, at] of claimed) if (now - at >= windowMs) claimed.delete(k);
      if (claimed.has(key)) return false;
      claimed.set(key, now);
      return true;
    },
    release(key) {
      claimed.delete(key);
    },
  };
}

export interface ShowOutputActionDeps {
  accounts: readonly AccountRef[];
  store: InvestigationStore;
  audit: AuditLog;
  showOutput: ShowOutputService;
  /** Default: one post per target per 60 s in this process. */
  outputGuard?: ClickGuard;
  logger: { warn(object: object, message: string): void; info(object: object, message: string): void };
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

function clicker(body: BlockAction) {
  return {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    channelId: body.channel?.id ?? body.container?.channel_id ?? '',
    userId: body.user.id,
  };
}

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
  if (!investigation || investigation.teamId !== who.teamId) {
    await ephemeral(args, renderProblem('That investigation no longer exists.'));
    return undefined;
  }
  const account = findAccountByNameOrId(deps.accounts, investigation.accountId);
  if (!account) {
    await ephemeral(args, renderProblem(`Account ${investigation.accountName} is no longer configured.`));
    return undefined;
  }
  // The clicking channel, whatever the button says: no output of an account the channel may not use.
  if (!mayUseAccount(account, who.channelId)) {
    await deps.audit.record({
      kind: 'output.refused',
      ...who,
      accountId: account.id,
      subject: investigation.associationId,
      detail: { action: args.action.action_id, investigationId },
    });
    deps.logger.info({ investigationId, channelId: who.channelId, accountId: account.id }, 'show output refused');
    await ephemeral(args, renderUnauthorized({ accountName: account.name, accountId: account.id }));
    return undefined;
  }
  // The output goes to the investigation's thread: only from the channel that thread is in.
  if (investigation.channelId !== who.channelId) {
    await ephemeral(args, renderProblem('That investigation belongs to another channel.'));
    return undefined;
  }
  return { investigation, account };
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
  const guard = deps.outputGuard ?? createClickGuard();
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
    if (!guard.claim(key)) {
      await ephemeral(args, renderOutputRecentlyShown(target.resourceId));
      return;
    }
    const who = clicker(args.body);
    const channel = investigation.channelId;
    const threadTs = investigation.threadTs ?? investigation.rootTs;
    try {
      const output = await deps.showOutput.fetch(context, account, { userId: who.userId });
      const rendered = renderTargetOutput(output);
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
      guard.release(key);
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
    await ephemeral(args, renderFailedTargetList({ investigationId: ref.investigationId, targets }));
  };
}
