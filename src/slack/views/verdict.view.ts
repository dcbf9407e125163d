// The verdict: ranked findings with evidence and fix, what was checked, what could not be checked.
import type { Diagnosis, Finding } from '../../domain/finding.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { RERUN } from '../action-ids.ts';
import { BlockIds, button, context as contextBlock, divider, joinWithin, linesToSections, section } from './blocks.ts';
import { feedbackButtons } from './feedback.view.ts';
import { evidenceLine, gapLine, OUTCOME_EMOJI, outcomeLabel, SEVERITY_EMOJI } from './format.ts';
import {
  type ActionsBlock,
  codeBlock,
  enforceMessageLimits,
  escapeMrkdwn,
  inlineCode,
  type KnownBlock,
  mrkdwnLink,
  type SlackMessage,
  safeText,
  truncate,
  truncateMrkdwn,
} from './limits.ts';
import { watchButton } from './watch.view.ts';

export interface VerdictContext {
  /** The investigation's language. */
  lang: Lang;
  /** The Re-run button's value: the bare investigation id. */
  investigationId: string;
  associationId?: string;
  /** Makes block ids new when the verdict message is updated. */
  blockIdSuffix?: string;
}

/** Findings shown with evidence, fix, links and commands; the rest are one-liners. */
const FULL_FINDINGS = 3;

// Character budgets per part, chosen so the whole verdict stays under Slack's ~12,000-char block text cap.
const BUDGET = {
  headline: 400,
  findingWhat: 1_100,
  findingSteps: 500,
  findingLinks: 600,
  findingLook: 700,
  others: 1_000,
  checked: 800,
  gaps: 700,
} as const;

function findingWhat(finding: Finding, rank: number, lang: Lang): string {
  const t = texts(lang).thread;
  const title = `${SEVERITY_EMOJI[finding.severity]} *${rank}. ${safeText(finding.title, 200)}*`;
  const summary = safeText(finding.summary, 500);
  const resources =
    finding.resources && finding.resources.length > 0
      ? t.verdict.resources(
          joinWithin(
            finding.resources.map((r) => inlineCode(r, 80)),
            250,
            t.format.more.resources,
          ).replace(/\n/g, ', '),
        )
      : '';
  const head = `${title}\n${summary}${resources}\n${t.verdict.evidenceHeading}\n`;
  const evidence = joinWithin(
    finding.evidence.map((e) => `• ${evidenceLine(e, 300)}`),
    BUDGET.findingWhat - head.length,
    t.format.more.evidence,
  );
  return head + evidence;
}

function findingFix(finding: Finding, lang: Lang): string | undefined {
  const t = texts(lang).thread;
  const parts: string[] = [];
  if (finding.remediation.length > 0) {
    const steps = finding.remediation.map((step, i) => `${i + 1}. ${safeText(step, 300)}`);
    parts.push(t.verdict.fix(joinWithin(steps, BUDGET.findingSteps, t.format.more.steps)));
  }
  if (finding.links.length > 0) {
    const links = finding.links.map((link) => mrkdwnLink(link.url, truncate(link.label, 80)));
    parts.push(t.verdict.links(joinWithin(links, BUDGET.findingLinks, t.format.more.links, 400).replace(/\n/g, ' · ')));
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function findingLook(finding: Finding, lang: Lang): string | undefined {
  const t = texts(lang).thread;
  const parts: string[] = [];
  if (finding.cli.length > 0) {
    const shown = finding.cli.slice(0, 5);
    parts.push(t.verdict.checkYourself(codeBlock(shown.join('\n'), 460), finding.cli.length - shown.length));
  }
  if (finding.logPaths && finding.logPaths.length > 0) {
    const lines = finding.logPaths.map(
      (logs) => `• ${escapeMrkdwn(logs.platform)}: ${logs.paths.map((p) => inlineCode(p, 120)).join(', ')}`,
    );
    parts.push(t.verdict.agentLogs(joinWithin(lines, 320, t.format.more.platforms)));
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function headline(diagnosis: Diagnosis, context: VerdictContext): string {
  const say = texts(context.lang).thread.verdict;
  const about = context.associationId ? inlineCode(context.associationId, 80) : undefined;
  const summary = diagnosis.summary ? `\n${safeText(diagnosis.summary, 400)}` : '';
  return `${say.headline(OUTCOME_EMOJI[diagnosis.outcome], about, outcomeLabel(diagnosis.outcome, context.lang))}${summary}`;
}

function fallbackText(diagnosis: Diagnosis, context: VerdictContext): string {
  const say = texts(context.lang).thread.verdict;
  const about = context.associationId ? safeText(context.associationId, 80) : undefined;
  const emoji = OUTCOME_EMOJI[diagnosis.outcome];
  const [top, ...rest] = diagnosis.findings;
  if (diagnosis.outcome === 'healthy' || !top) return say.fallbackHealthy(emoji, about);
  const label = outcomeLabel(diagnosis.outcome, context.lang);
  return say.fallback(emoji, label, about, safeText(top.title, 300), rest.length);
}

/** The verdict of an investigation, ranked findings first. */
export function renderVerdict(diagnosis: Diagnosis, context: VerdictContext): SlackMessage {
  const { lang } = context;
  const t = texts(lang).thread;
  const ids = new BlockIds('verdict', context.blockIdSuffix);
  const blocks: KnownBlock[] = [
    section(truncateMrkdwn(headline(diagnosis, context), BUDGET.headline), ids.next('headline')),
  ];

  const full = diagnosis.findings.slice(0, FULL_FINDINGS);
  const others = diagnosis.findings.slice(FULL_FINDINGS);
  full.forEach((finding, index) => {
    blocks.push(divider(ids.next('divider')));
    blocks.push(section(findingWhat(finding, index + 1, lang), ids.next('finding')));
    const fix = findingFix(finding, lang);
    if (fix) blocks.push(section(truncateMrkdwn(fix, BUDGET.findingSteps + BUDGET.findingLinks), ids.next('fix')));
    const look = findingLook(finding, lang);
    if (look) blocks.push(section(truncateMrkdwn(look, BUDGET.findingLook), ids.next('look')));
  });

  if (others.length > 0) {
    blocks.push(divider(ids.next('divider')));
    const lines = others.map(
      (f, i) => `${FULL_FINDINGS + i + 1}. ${SEVERITY_EMOJI[f.severity]} ${safeText(f.title, 150)}`,
    );
    blocks.push(
      ...linesToSections(lines, {
        ids,
        name: 'others',
        budget: BUDGET.others,
        maxBlocks: 1,
        noun: t.format.more.findings,
        heading: t.verdict.otherFindings,
      }),
    );
  }

  const checked = diagnosis.checked.map((c) => `• ${safeText(c, 200)}`);
  if (diagnosis.outcome === 'healthy') {
    blocks.push(divider(ids.next('divider')));
    blocks.push(
      section(t.verdict.healthyChecked(joinWithin(checked, BUDGET.checked, t.format.more.checks)), ids.next('checked')),
    );
  } else if (checked.length > 0) {
    blocks.push(
      contextBlock([t.verdict.checked(joinWithin(checked, BUDGET.checked, t.format.more.checks))], ids.next('checked')),
    );
  }

  if (diagnosis.gaps.length > 0) {
    blocks.push(
      ...linesToSections(
        diagnosis.gaps.map((gap) => `• ${gapLine(gap, lang)}`),
        {
          ids,
          name: 'gaps',
          budget: BUDGET.gaps,
          maxBlocks: 1,
          noun: t.format.more.gaps,
          heading: t.verdict.couldNotCheck,
        },
      ),
    );
  }

  const tail: ActionsBlock[] = [
    {
      type: 'actions',
      block_id: ids.next('actions'),
      elements: [
        button({ text: t.verdict.rerun, actionId: RERUN, value: context.investigationId }),
        ...feedbackButtons(context.investigationId, lang),
        ...(diagnosis.outcome === 'running' && diagnosis.runningExecutionId
          ? [watchButton(context.investigationId, diagnosis.runningExecutionId, lang)]
          : []),
      ],
    },
  ];
  return enforceMessageLimits(
    { text: fallbackText(diagnosis, context), blocks: [...blocks, ...tail] },
    { keepLast: tail.length, lang },
  );
}
