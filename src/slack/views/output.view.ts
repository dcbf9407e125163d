// Show output: the buttons on step replies that list failed targets, the message a click posts in the thread
// (status, details, exit code, timings, then stderr and stdout previews), and the file with the full text
// when the output is longer than a preview. Pure; the output it gets is already redacted.

import type { InvestigationFacts, OutputSampleFacts, TargetGroupFacts } from '../../domain/facts.ts';
import { clipText, headOf, tailOf } from '../../domain/text.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import {
  formatDuration,
  outputText,
  pluginHeadline,
  statusLabel,
  streamLabel,
  titleOf,
} from '../../investigation/output-text.ts';
import type { StepResult } from '../../investigation/ports.ts';
import {
  isFailedGroup,
  type OutputTarget,
  type TargetOutput,
  type TargetPointer,
} from '../../investigation/show-output.ts';
import { SHOW_OUTPUT } from '../action-ids.ts';
import { outputRef } from '../output-ref.ts';
import { BlockIds, buttonRows, context, fieldsSection, section } from './blocks.ts';
import {
  enforceMessageLimits,
  escapeMrkdwn,
  inlineCode,
  type KnownBlock,
  mrkdwnLink,
  type SlackMessage,
  safeText,
} from './limits.ts';
import type { OutputButton } from './step-reply.view.ts';

/** Characters of stderr / stdout shown in the thread (code block included); the rest goes in a file. */
export const PREVIEW_CHARS = 2_800;
/** Per-target buttons are added while a step lists at most this many failed targets; beyond, a "more" button. */
export const MAX_TARGET_BUTTONS = 5;

const shortId = (id: string) => clipText(id, 28);

// ---------------------------------------------------------------------------------------------------------
// Buttons on step replies

export interface StepOutputButtons {
  buttons: OutputButton[];
  /** Opens the list of every sampled failed target (when there are more than MAX_TARGET_BUTTONS). */
  more?: OutputButton;
}

function signatureLabel(status: string, detailedStatus: string | undefined, resourceId: string, extra?: string) {
  return `${statusLabel({ status, ...(detailedStatus ? { detailedStatus } : {}) })}${extra ? ` ${extra}` : ''} · ${shortId(resourceId)}`;
}

function sampleExtra(sample: OutputSampleFacts, lang: Lang): string | undefined {
  const say = texts(lang).thread.output;
  if (sample.command?.responseCode !== undefined) return say.exit(sample.command.responseCode);
  if (sample.automation?.failedSteps[0]) return say.atStep(sample.automation.failedSteps[0].stepName);
  return undefined;
}

/** Buttons for the output step: one per failure signature (its sample target). */
function outputStepButtons(investigationId: string, outputs: OutputSampleFacts[], lang: Lang): StepOutputButtons {
  return {
    buttons: outputs.map((sample, index) => ({
      label: signatureLabel(
        sample.targetStatus,
        sample.targetDetailedStatus,
        sample.resourceId,
        sampleExtra(sample, lang),
      ),
      value: outputRef.target(investigationId, { source: 'sample', index }),
    })),
  };
}

/**
 * Buttons for the targets step: one per failed group (its representative: a target with an OutputSource,
 * else the first), then one per other sampled target while there are few; beyond that, a "more" button.
 */
function targetStepButtons(investigationId: string, facts: Partial<InvestigationFacts>, lang: Lang): StepOutputButtons {
  const say = texts(lang).thread.output;
  const signature: OutputButton[] = [];
  const perTarget: OutputButton[] = [];
  const seen = new Set<string>();
  let failedTargets = 0;
  for (const source of ['latest', 'failed'] as const) {
    const targets = source === 'latest' ? facts.latestTargets : facts.failedTargets;
    targets?.groups.forEach((group: TargetGroupFacts, g) => {
      if (!isFailedGroup(group) || group.samples.length === 0) return;
      const representative = Math.max(
        0,
        group.samples.findIndex((s) => s.outputSource),
      );
      group.samples.forEach((target, s) => {
        const key = `${target.resourceId}|${target.outputSource?.id ?? ''}`;
        if (seen.has(key)) return;
        seen.add(key);
        failedTargets += 1;
        const pointer: TargetPointer = { source, group: g, sample: s };
        const value = outputRef.target(investigationId, pointer);
        if (s === representative) {
          signature.push({ label: signatureLabel(group.status, group.detailedStatus, target.resourceId), value });
        } else {
          perTarget.push({ label: say.outputOf(shortId(target.resourceId)), value });
        }
      });
    });
  }
  if (failedTargets <= MAX_TARGET_BUTTONS) return { buttons: [...signature, ...perTarget] };
  return {
    buttons: signature,
    more: { label: say.allSampled(failedTargets), value: outputRef.more(investigationId) },
  };
}

/** The Show output buttons of a step reply: the targets step and the output step list failed targets. */
export function stepOutputButtons(
  investigationId: string,
  step: Pick<StepResult, 'key' | 'patch'>,
  lang: Lang,
): StepOutputButtons {
  if (step.key === 'output' && step.patch.outputs?.length)
    return outputStepButtons(investigationId, step.patch.outputs, lang);
  if (step.key === 'targets') return targetStepButtons(investigationId, step.patch, lang);
  return { buttons: [] };
}

/** The ephemeral list behind "more": a button per sampled failed target. */
export function renderFailedTargetList(input: {
  investigationId: string;
  targets: { pointer: TargetPointer; target: OutputTarget }[];
  lang: Lang;
}): SlackMessage {
  const say = texts(input.lang).thread.output;
  const ids = new BlockIds('output-list');
  const shown = input.targets.slice(0, 50);
  const rows = buttonRows(
    SHOW_OUTPUT,
    shown.map(({ pointer, target }) => ({
      text: signatureLabel(target.status, target.detailedStatus, target.resourceId),
      value: outputRef.target(input.investigationId, pointer),
    })),
    ids,
    'targets',
  );
  const note = input.targets.length > shown.length ? say.firstOf(shown.length, input.targets.length) : '';
  return enforceMessageLimits(
    { text: say.listText(note), blocks: [section(say.listIntro(note), ids.next('intro')), ...rows] },
    { keepLast: rows.length, lang: input.lang },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The output message

/** The tail of a text as a code block of at most `max` characters, with a visible marker when it is cut. */
export function previewBlock(
  raw: string,
  lang: Lang,
  max: number = PREVIEW_CHARS,
): { text: string; truncated: boolean } {
  const say = texts(lang).thread.output;
  const open = '```\n';
  const close = '\n```';
  if (raw.trim() === '') return { text: `${open}${say.empty}${close}`, truncated: false };
  const room = max - open.length - close.length;
  const whole = escapeMrkdwn(raw);
  if (whole.length <= room) return { text: open + whole + close, truncated: false };
  // Show the end, where errors are. The raw tail is escaped (never a cut escaped text), so no entity is split.
  // The longest raw tail whose escaped form fits with the marker (escaping can grow text up to 5 times).
  const markerFor = (keep: number) => say.truncated(raw.length - keep);
  let low = 0;
  let high = Math.min(room, raw.length);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (escapeMrkdwn(tailOf(raw, mid)).length + markerFor(mid).length <= room) low = mid;
    else high = mid - 1;
  }
  // Start at a line when one starts near the cut.
  let keep = low;
  const newline = tailOf(raw, low).indexOf('\n');
  if (newline !== -1 && newline < 200) {
    const shorter = low - newline - 1;
    if (escapeMrkdwn(tailOf(raw, shorter)).length + markerFor(shorter).length <= room) keep = shorter;
  }
  // The tail starts on a grapheme boundary (never the second half of an emoji); it may be shorter than `keep`.
  const tail = tailOf(raw, keep);
  const marker = markerFor(tail.length);
  const shown = escapeMrkdwn(tail);
  return { text: open + marker + shown + close, truncated: true };
}

export interface OutputFile {
  filename: string;
  title: string;
  content: string;
}

export interface RenderedOutput {
  message: SlackMessage;
  /** The full (redacted) text, when a preview was cut or some output is not in the message. */
  file?: OutputFile;
}

const REDACTED = /\[REDACTED:[a-z-]+\]/g;

function redactionNote(all: string[], lang: Lang): string {
  const say = texts(lang).thread.output;
  const count = all.reduce((sum, text) => sum + (text.match(REDACTED)?.length ?? 0), 0);
  return count > 0 ? say.secretsMasked(count) : say.secretsChecked;
}

function headerBlocks(output: TargetOutput, ids: BlockIds, emoji: string, lang: Lang): KnownBlock[] {
  const { investigation, target } = output.context;
  const source = target.outputSource
    ? ` · ${safeText(target.outputSource.type, 40)} ${inlineCode(target.outputSource.id, 60)}`
    : '';
  return [
    section(`${emoji} *${safeText(titleOf(output.context, lang), 300)}*`, ids.next('title')),
    context(
      [
        texts(lang).thread.output.where(
          inlineCode(investigation.associationId, 60),
          safeText(investigation.accountName, 60),
          safeText(investigation.region, 30),
          source,
        ),
      ],
      ids.next('where'),
    ),
  ];
}

function locationBlock(output: TargetOutput, ids: BlockIds, lang: Lang): KnownBlock[] {
  const say = texts(lang).thread.output;
  const l = output.locations;
  const lines: string[] = [];
  if (l.stdoutUrl) lines.push(say.stdoutInS3(mrkdwnLink(l.stdoutUrl, 'stdout')));
  if (l.stderrUrl) lines.push(say.stderrInS3(mrkdwnLink(l.stderrUrl, 'stderr')));
  if (l.s3) lines.push(say.s3Folder(mrkdwnLink(l.s3.consoleUrl, l.s3.uri)));
  if (l.cloudWatchLogGroup) lines.push(say.logGroup(inlineCode(l.cloudWatchLogGroup, 200)));
  if (l.consoleUrl) lines.push(`• ${mrkdwnLink(l.consoleUrl, say.openConsole)}`);
  if (l.cliCommand) lines.push(`• ${inlineCode(l.cliCommand, 400)}`);
  return lines.length > 0 ? [section(say.whereElse(lines.join('\n')), ids.next('where-else'))] : [];
}

/** `*Label*\nvalue`: one field of the status section. */
const field = (label: string, value: string) => `*${label}*\n${value}`;

function commandMessage(output: Extract<TargetOutput, { kind: 'command' }>, lang: Lang): RenderedOutput {
  const say = texts(lang).thread.output;
  const ids = new BlockIds('output');
  const focus = output.plugins[output.focus] ?? output.plugins[0];
  const blocks: KnownBlock[] = headerBlocks(output, ids, focus?.status === 'Success' ? '📄' : '🧾', lang);
  let truncated = output.plugins.length > 1;
  if (focus) {
    const took = formatDuration(focus.startedAt, focus.endedAt, lang);
    blocks.push(
      fieldsSection(
        [
          field(say.fields.status, safeText(focus.status ?? '?', 100)),
          field(say.fields.statusDetails, safeText(focus.statusDetails ?? '?', 100)),
          field(say.fields.exitCode, `${focus.responseCode ?? '?'}`),
          field(say.fields.plugin, safeText(focus.pluginName ?? '—', 150)),
          field(say.fields.started, focus.startedAt ? say.at(focus.startedAt) : '—'),
          field(say.fields.ended, focus.endedAt ? `${say.at(focus.endedAt)}${took ? ` (${took})` : ''}` : '—'),
        ],
        ids.next('status'),
      ),
    );
    if (output.plugins.length > 1) {
      const lines = output.plugins.map(
        (p, i) => `${i === output.focus ? '▸' : '•'} ${safeText(pluginHeadline(p, lang), 200)}`,
      );
      blocks.push(section(say.documentSteps(lines.slice(0, 20).join('\n')), ids.next('plugins')));
    }
    for (const stream of ['stderr', 'stdout'] as const) {
      const preview = previewBlock(focus[stream], lang);
      truncated ||= preview.truncated;
      blocks.push(
        section(`*${safeText(streamLabel(stream, focus[stream], lang), 200)}*\n${preview.text}`, ids.next(stream)),
      );
    }
  }
  blocks.push(...locationBlock(output, ids, lang));
  const streams = output.plugins.flatMap((p) => [p.stdout, p.stderr]);
  blocks.push(context([redactionNote(streams, lang)], ids.next('redaction')));
  // The fallback text is mrkdwn too: the plugin name (from the document) is escaped like every AWS value.
  const text = `${safeText(titleOf(output.context, lang), 300)}: ${focus ? safeText(pluginHeadline(focus, lang), 300) : say.noPlugin}`;
  return withFile(output, enforceMessageLimits({ text, blocks }, { keepLast: 1, lang }), truncated, lang);
}

function automationMessage(output: Extract<TargetOutput, { kind: 'automation' }>, lang: Lang): RenderedOutput {
  const say = texts(lang).thread.output;
  const ids = new BlockIds('output');
  const a = output.automation;
  const blocks: KnownBlock[] = headerBlocks(output, ids, '🧾', lang);
  const took = formatDuration(a.startedAt, a.endedAt, lang);
  blocks.push(
    fieldsSection(
      [
        field(say.fields.status, safeText(a.status ?? '?', 100)),
        field(say.fields.document, safeText(a.documentName ?? '—', 150)),
        field(say.fields.started, a.startedAt ? say.at(a.startedAt) : '—'),
        field(say.fields.ended, a.endedAt ? `${say.at(a.endedAt)}${took ? ` (${took})` : ''}` : '—'),
      ],
      ids.next('status'),
    ),
  );
  let truncated = false;
  if (a.failureMessage) {
    const preview = previewBlock(a.failureMessage, lang, 1_500);
    truncated ||= preview.truncated;
    blocks.push(section(`*FailureMessage*\n${preview.text}`, ids.next('failure')));
  }
  for (const step of a.failedSteps.slice(0, 3)) {
    const kind = [step.failureType, step.failureStage].filter(Boolean).join(' / ');
    const lines = [
      say.automationStep(
        safeText(step.stepName, 100),
        step.action ? safeText(step.action, 60) : '',
        safeText(step.status ?? '?', 40),
        kind ? safeText(kind, 80) : '',
      ),
    ];
    const body = [
      step.failureMessage,
      step.failureDetails,
      ...Object.entries(step.outputs ?? {}).map(([name, values]) => `${name}: ${values.join('\n')}`),
    ]
      .filter(Boolean)
      .join('\n');
    const preview = previewBlock(body, lang, 1_800);
    truncated ||= preview.truncated;
    blocks.push(section(`${lines.join('\n')}\n${preview.text}`, ids.next('step')));
  }
  if (a.failedSteps.length > 3) truncated = true;
  blocks.push(...locationBlock(output, ids, lang));
  const all = [
    a.failureMessage ?? '',
    ...a.failedSteps.flatMap((s) => [
      s.failureMessage ?? '',
      s.failureDetails ?? '',
      ...Object.values(s.outputs ?? {}).flat(),
    ]),
  ];
  blocks.push(context([redactionNote(all, lang)], ids.next('redaction')));
  const text = say.automationText(safeText(titleOf(output.context, lang), 300), safeText(a.status ?? '?', 40));
  return withFile(output, enforceMessageLimits({ text, blocks }, { keepLast: 1, lang }), truncated, lang);
}

function unavailableMessage(output: Extract<TargetOutput, { kind: 'unavailable' }>, lang: Lang): RenderedOutput {
  const say = texts(lang).thread.output;
  const ids = new BlockIds('output');
  const blocks: KnownBlock[] = headerBlocks(output, ids, '🕳️', lang);
  blocks.push(section(say.notAvailable(safeText(output.reason, 1_200)), ids.next('reason')));
  if (output.executionSummary) {
    blocks.push(
      section(say.executionSummary(previewBlock(output.executionSummary.raw, lang, 1_200).text), ids.next('summary')),
    );
  }
  const lines: string[] = [];
  if (output.outputUrl) lines.push(say.reportedLocation(mrkdwnLink(output.outputUrl, say.open)));
  for (const logs of output.logPaths) {
    lines.push(say.agentLogs(logs.platform, logs.paths.map((p) => inlineCode(p, 200)).join(', ')));
  }
  for (const folder of output.orchestrationFolders) {
    lines.push(say.runFolder(inlineCode(folder, 300)));
  }
  blocks.push(section(say.mayStillBe(lines.join('\n')), ids.next('elsewhere')));
  blocks.push(...locationBlock(output, ids, lang));
  blocks.push(context([redactionNote([output.executionSummary?.raw ?? ''], lang)], ids.next('redaction')));
  const text = say.unavailableText(safeText(titleOf(output.context, lang), 300));
  return { message: enforceMessageLimits({ text, blocks }, { keepLast: 1, lang }) };
}

function withFile(output: TargetOutput, message: SlackMessage, truncated: boolean, lang: Lang): RenderedOutput {
  if (!truncated) return { message };
  const { target } = output.context;
  const source = target.outputSource?.id.slice(0, 8) ?? 'output';
  const safeName = `${target.resourceId}-${source}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return {
    message,
    file: {
      filename: `ssm-output-${safeName}.txt`,
      title: headOf(texts(lang).thread.output.fileTitle(target.resourceId), 250),
      content: outputText(output, lang),
    },
  };
}

/** The thread reply for a target's output, and the file with the full text when it does not fit. */
export function renderTargetOutput(output: TargetOutput, lang: Lang): RenderedOutput {
  switch (output.kind) {
    case 'command':
      return commandMessage(output, lang);
    case 'automation':
      return automationMessage(output, lang);
    default:
      return unavailableMessage(output, lang);
  }
}

/** Ephemeral: a second click while the same target's output was just posted (or is being fetched). */
export function renderOutputRecentlyShown(resourceId: string, lang: Lang): SlackMessage {
  const text = texts(lang).thread.output.recentlyShown(inlineCode(resourceId, 80));
  return { text, blocks: [section(text, 'output-busy')] };
}
