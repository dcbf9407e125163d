// The investigation's progress events as terminal text: the same content as the Slack views, plain.
// Text from AWS is stripped of control characters so output cannot move the cursor or recolour the terminal.

import type { FactGap } from '../domain/facts.ts';
import type { Diagnosis, Finding, Severity } from '../domain/finding.ts';
import { clipText } from '../domain/text.ts';
import { type CliCatalog, type Lang, texts } from '../i18n/index.ts';
import type { InvestigationRecord, StepResult, StepStatus } from '../investigation/ports.ts';

export interface TextOptions {
  /** ANSI colours; the caller decides (a TTY, and NO_COLOR not set). */
  color: boolean;
  /** The language of everything but what AWS wrote (`--lang`, else LANG). */
  lang: Lang;
}

const say = (options: TextOptions): CliCatalog => texts(options.lang).cli;

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
const ANSI: Record<Style, [string, string]> = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  cyan: ['\u001b[36m', '\u001b[39m'],
};

const paint = (options: TextOptions, style: Style, text: string) =>
  options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;

const MARKER = '… (truncated)';

/** AWS text, made safe and bounded for a terminal: no control characters, at most `max` characters. */
function clean(text: string, max = 500): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const safe = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return clipText(safe, max, MARKER);
}

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

const STEP_SYMBOL: Record<StepStatus, [string, Style]> = {
  ok: ['✔', 'green'],
  warning: ['!', 'yellow'],
  failed: ['✖', 'red'],
  skipped: ['-', 'dim'],
  error: ['?', 'red'],
};

const SEVERITY_STYLE: Record<Severity, Style> = { critical: 'red', error: 'red', warning: 'yellow', info: 'cyan' };

const OUTCOME: Record<Diagnosis['outcome'], [string, Style]> = {
  fault: ['✖', 'red'],
  warning: ['!', 'yellow'],
  healthy: ['✔', 'green'],
  running: ['…', 'cyan'],
  incomplete: ['?', 'red'],
};

function gapText(gap: FactGap, t: CliCatalog): string {
  const message = gap.message ? clean(gap.message, 300) : undefined;
  const operation = gap.operation ? clean(gap.operation, 80) : undefined;
  switch (gap.kind) {
    case 'access-denied':
      return t.gap.accessDenied(
        clean(gap.action ?? (operation ? `ssm:${operation}` : t.gap.anAwsAction), 120),
        message,
      );
    case 'throttled':
      return t.gap.throttled(operation, message);
    case 'unavailable':
      return t.gap.unavailable(operation, message);
    default:
      return t.gap.failed(operation, message);
  }
}

/** The header printed before the first step. */
export function renderHeaderText(
  investigation: Pick<InvestigationRecord, 'associationId' | 'accountName' | 'accountId' | 'region'> & {
    documentName?: string;
  },
  options: TextOptions,
): string {
  const t = say(options);
  const lines = [paint(options, 'bold', t.investigating(clean(investigation.associationId, 200)))];
  const about = [
    investigation.documentName ? t.document(clean(investigation.documentName, 200)) : undefined,
    t.account(clean(investigation.accountName, 100), clean(investigation.accountId, 20)),
    t.region(clean(investigation.region, 40)),
  ].filter(Boolean);
  lines.push(paint(options, 'dim', about.join(' · ')));
  return lines.join('\n');
}

/** One finished step. */
export function renderStepText(step: StepResult, total: number, options: TextOptions): string {
  const t = say(options);
  const [symbol, style] = STEP_SYMBOL[step.status];
  const lines = [
    `${paint(options, style, symbol)} ${paint(options, 'bold', t.step(step.ordinal, total, clean(step.title, 120)))} ${paint(options, 'dim', `(${t.duration(step.durationMs)})`)}`,
  ];
  const facts = step.facts.slice(0, 50);
  for (const fact of facts) lines.push(indent(`${clean(fact.label, 100)}: ${clean(fact.value, 300)}`, 4));
  if (step.facts.length > facts.length) {
    lines.push(indent(paint(options, 'dim', t.moreFacts(step.facts.length - facts.length)), 4));
  }
  for (const finding of step.findings) {
    lines.push(indent(paint(options, SEVERITY_STYLE[finding.severity], `● ${clean(finding.title, 200)}`), 4));
    const first = finding.evidence[0];
    if (first) lines.push(indent(`${clean(first.field, 120)} = ${clean(first.value, 200)}`, 6));
  }
  for (const gap of step.gaps) lines.push(indent(paint(options, 'yellow', gapText(gap, t)), 4));
  return lines.join('\n');
}

function findingText(finding: Finding, rank: number, options: TextOptions): string {
  const t = say(options);
  const lines = [
    paint(
      options,
      SEVERITY_STYLE[finding.severity],
      `${rank}. [${t.severity[finding.severity]}] ${clean(finding.title, 200)}`,
    ),
    indent(clean(finding.summary, 600), 3),
    indent(paint(options, 'bold', t.evidence), 3),
    ...finding.evidence.slice(0, 10).map((e) => indent(`${clean(e.field, 120)} = ${clean(e.value, 400)}`, 5)),
  ];
  if (finding.evidence.length > 10) lines.push(indent(t.moreEvidence(finding.evidence.length - 10), 5));
  if (finding.resources && finding.resources.length > 0) {
    lines.push(
      indent(
        t.resources(
          finding.resources
            .slice(0, 10)
            .map((r) => clean(r, 80))
            .join(', '),
        ),
        3,
      ),
    );
  }
  if (finding.remediation.length > 0) {
    lines.push(indent(paint(options, 'bold', t.fix), 3));
    finding.remediation.forEach((step, i) => {
      lines.push(indent(`${i + 1}. ${clean(step, 400)}`, 5));
    });
  }
  if (finding.links.length > 0) {
    lines.push(indent(paint(options, 'bold', t.links), 3));
    for (const link of finding.links) lines.push(indent(`${clean(link.label, 100)}: ${clean(link.url, 500)}`, 5));
  }
  if (finding.cli.length > 0) {
    lines.push(indent(paint(options, 'bold', t.checkYourself), 3));
    for (const command of finding.cli) lines.push(indent(paint(options, 'cyan', `$ ${clean(command, 500)}`), 5));
  }
  if (finding.logPaths && finding.logPaths.length > 0) {
    lines.push(indent(paint(options, 'bold', t.agentLogs), 3));
    for (const logs of finding.logPaths) {
      lines.push(indent(`${logs.platform}: ${logs.paths.map((p) => clean(p, 200)).join(', ')}`, 5));
    }
  }
  return lines.join('\n');
}

/** The verdict: top findings in full, the rest as one-liners, then what was checked and what could not be. */
export function renderVerdictText(diagnosis: Diagnosis, options: TextOptions): string {
  const t = say(options);
  const [symbol, style] = OUTCOME[diagnosis.outcome];
  const sections = [
    `${paint(options, style, symbol)} ${paint(options, 'bold', t.verdict(t.outcome[diagnosis.outcome]))}${diagnosis.summary ? ` — ${clean(diagnosis.summary, 400)}` : ''}`,
  ];
  const full = diagnosis.findings.slice(0, 3);
  full.forEach((finding, i) => {
    sections.push(findingText(finding, i + 1, options));
  });
  const others = diagnosis.findings.slice(3);
  if (others.length > 0) {
    const shown = others.slice(0, 30);
    const lines = shown.map((f, i) =>
      paint(options, SEVERITY_STYLE[f.severity], `${i + 4}. [${t.severity[f.severity]}] ${clean(f.title, 200)}`),
    );
    if (others.length > shown.length) lines.push(t.moreFindings(others.length - shown.length));
    sections.push([paint(options, 'bold', t.otherFindings), ...lines.map((l) => indent(l, 2))].join('\n'));
  }
  if (diagnosis.outcome === 'healthy') sections.push(paint(options, 'green', t.noFault));
  if (diagnosis.checked.length > 0) {
    sections.push(
      [paint(options, 'bold', t.checked), ...diagnosis.checked.map((c) => indent(`- ${clean(c, 200)}`, 2))].join('\n'),
    );
  }
  if (diagnosis.gaps.length > 0) {
    sections.push(
      [
        paint(options, 'bold', t.couldNotCheck),
        ...diagnosis.gaps.map((g) => indent(paint(options, 'yellow', `- ${gapText(g, t)}`), 2)),
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}
