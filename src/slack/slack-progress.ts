// Posts an investigation into Slack: a root message in the channel (updated in place with progress and the
// verdict), one reply per step in its thread, and the verdict reply.
import type { StepKey } from '../domain/facts.ts';
import type { Diagnosis } from '../domain/finding.ts';
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';
import type { InvestigationRecord, ProgressSink, StepResult } from '../investigation/ports.ts';
import type { SlackPoster } from './poster.ts';
import { renderNotInChannel } from './views/errors.view.ts';
import type { SlackMessage } from './views/limits.ts';
import { stepOutputButtons } from './views/output.view.ts';
import { withRunNow } from './views/remediation.view.ts';
import { renderRootMessage } from './views/root-message.view.ts';
import { renderStepReply } from './views/step-reply.view.ts';
import { renderVerdict } from './views/verdict.view.ts';

export interface SlackProgressDeps {
  /** Idempotent, paced posting (src/slack/poster.ts). */
  poster: SlackPoster;
  logger?: { warn(object: object, message: string): void };
  /** The steps in order (the diagnosis last), for "Step 3 of 8 — <title>…" while the next one runs. */
  stepKeys: readonly (StepKey | 'diagnosis')[];
  /** True when the verdict offers Run now (its fix ends with re-running, and the account has a remediator role). */
  offersRunNow?: (investigation: InvestigationRecord, diagnosis: Diagnosis) => boolean;
}

/** The language an investigation's thread speaks. */
const langOf = (investigation: InvestigationRecord): Lang => investigation.lang ?? DEFAULT_LANG;

export function createSlackProgressSink(deps: SlackProgressDeps): ProgressSink {
  const { poster } = deps;
  const total = deps.stepKeys.length;
  const documents = new Map<string, string>();

  async function updateRoot(investigation: InvestigationRecord, message: SlackMessage): Promise<void> {
    if (investigation.rootTs) await poster.update(investigation.channelId, investigation.rootTs, message);
  }
  /** Progress on the root is best effort: the next update (or the verdict's, which is awaited) carries it. */
  const progressRoot = (investigation: InvestigationRecord, message: SlackMessage) =>
    updateRoot(investigation, message).catch((error: unknown) =>
      deps.logger?.warn({ err: error, investigationId: investigation.id }, 'root progress update failed'),
    );

  const documentOf = (investigation: InvestigationRecord, steps?: StepResult[]): string | undefined => {
    const fromSteps = steps?.find((s) => s.key === 'association')?.patch.association?.documentName;
    return fromSteps ?? documents.get(investigation.id);
  };

  const root = (
    investigation: InvestigationRecord,
    done: number,
    extra: { diagnosis?: Diagnosis; documentName?: string } = {},
  ) => {
    const documentName = extra.documentName ?? documentOf(investigation);
    const lang = langOf(investigation);
    const currentKey = deps.stepKeys[done];
    const currentTitle = currentKey ? texts(lang).thread.stepTitles[currentKey] : undefined;
    return renderRootMessage({
      investigation,
      lang,
      progress: { done, total, ...(currentTitle ? { currentTitle } : {}) },
      ...(documentName ? { documentName } : {}),
      ...(extra.diagnosis ? { diagnosis: extra.diagnosis } : {}),
      blockIdSuffix: `${done}`,
    });
  };

  return {
    async started(investigation) {
      const message = root({ ...investigation, status: 'running' }, 0);
      const ts = await poster.post(
        `inv:${investigation.id}:root`,
        investigation.channelId,
        message,
        investigation.threadTs,
      );
      return { rootTs: ts, threadTs: investigation.threadTs ?? ts };
    },

    async stepFinished(investigation, step, totalSteps) {
      const documentName = step.patch.association?.documentName;
      if (documentName) documents.set(investigation.id, documentName);
      const messageTs = await poster.post(
        `inv:${investigation.id}:step:${step.ordinal}`,
        investigation.channelId,
        renderStepReply(step, totalSteps, { lang: langOf(investigation), ...replyButtons(investigation, step) }),
        investigation.threadTs ?? investigation.rootTs,
      );
      void progressRoot(investigation, root({ ...investigation, status: 'running' }, step.ordinal));
      return { messageTs };
    },

    async finished(investigation, diagnosis, steps) {
      const documentName = documentOf(investigation, steps);
      const plain = renderVerdict(diagnosis, {
        lang: langOf(investigation),
        investigationId: investigation.id,
        associationId: investigation.associationId,
      });
      const verdict = deps.offersRunNow?.(investigation, diagnosis)
        ? withRunNow(plain, investigation.id, DEFAULT_LANG)
        : plain;
      const messageTs = await poster.post(
        `inv:${investigation.id}:verdict`,
        investigation.channelId,
        verdict,
        investigation.threadTs ?? investigation.rootTs,
      );
      await updateRoot(
        investigation,
        root({ ...investigation, status: 'done' }, total, {
          diagnosis,
          ...(documentName ? { documentName } : {}),
        }),
      );
      documents.delete(investigation.id);
      return { messageTs };
    },
  };
}

/** Show output buttons for a step that lists failed targets (values are opaque ids into the stored steps). */
function replyButtons(investigation: InvestigationRecord, step: StepResult) {
  const { buttons, more } = stepOutputButtons(investigation.id, step, langOf(investigation));
  return { outputButtons: buttons, ...(more ? { moreOutputButton: more } : {}) };
}

/** Tells the requester, through the command's response_url, how to let the bot post in the channel. */
export async function notifyUnpostable(
  input: { responseUrl: string; reason: string },
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const reason = input.reason === 'not_in_channel' ? 'not_in_channel' : 'channel_not_found';
  const message = renderNotInChannel({ reason, lang: DEFAULT_LANG });
  await fetchImpl(input.responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', ...message }),
  });
}
