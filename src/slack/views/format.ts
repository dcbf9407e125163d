// Shared wording for the Slack views: emoji, durations, gaps and evidence lines. Everything that came
// from AWS is escaped here or by the helper that wraps it.
import type { FactGap } from '../../domain/facts.ts';
import type { Diagnosis, Evidence, Finding, Severity } from '../../domain/finding.ts';
import { DEFAULT_LANG, type Lang, texts } from '../../i18n/index.ts';
import type { StepStatus } from '../../investigation/ports.ts';
import { inlineCode, safeText } from './limits.ts';

export const STEP_STATUS_EMOJI: Record<StepStatus, string> = {
  ok: '✅',
  warning: '⚠️',
  failed: '❌',
  skipped: '⏭️',
  error: '❗',
};

export const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: '🛑',
  error: '❌',
  warning: '⚠️',
  info: 'ℹ️',
};

export const OUTCOME_EMOJI: Record<Diagnosis['outcome'], string> = {
  fault: '❌',
  warning: '⚠️',
  healthy: '✅',
  running: '⏳',
  incomplete: '❓',
};

/** `Fault`, `Still running`, … in `lang`. */
export const outcomeLabel = (outcome: Diagnosis['outcome'], lang: Lang): string =>
  texts(lang).thread.format.outcome[outcome];

/** 340 ms · 1.2 s · 2 min 5 s, in `lang`. */
export function durationText(ms: number, lang: Lang): string {
  const say = texts(lang).thread.format.duration;
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return say.ms(Math.round(ms));
  if (ms < 60_000) return say.seconds((ms / 1_000).toFixed(1));
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? say.minutes(minutes) : say.minutesSeconds(minutes, seconds);
}

/** 340 ms · 1.2 s · 2 min 5 s (English: the panels' views, until they take a language). */
export const formatDuration = (ms: number): string => durationText(ms, DEFAULT_LANG);

/** "Could not check: AccessDenied on ssm:DescribeInstanceInformation — <message>" in escaped mrkdwn, in `lang`. */
export function gapLine(gap: FactGap, lang: Lang, maxMessage = 300): string {
  const say = texts(lang).thread.format.gap;
  const message = gap.message ? ` — ${safeText(gap.message, maxMessage)}` : '';
  const operation = gap.operation ? safeText(gap.operation, 100) : undefined;
  switch (gap.kind) {
    case 'access-denied': {
      const what = gap.action ?? (gap.operation ? `ssm:${gap.operation}` : say.anAwsAction);
      return say.accessDenied(inlineCode(what, 150), message);
    }
    case 'throttled':
      return say.throttled(operation, message);
    case 'unavailable':
      return say.unavailable(operation, message);
    default:
      return say.other(operation, message);
  }
}

/** `Field` = `value`, both as inline code. */
export function evidenceLine(evidence: Evidence, maxValue = 300): string {
  return `${inlineCode(evidence.field, 120)} = ${inlineCode(evidence.value, maxValue)}`;
}

/** One line per finding: emoji, bold title, and the first piece of evidence. */
export function findingBrief(finding: Finding, maxValue = 200): string {
  const first = finding.evidence[0];
  const title = `${SEVERITY_EMOJI[finding.severity]} *${safeText(finding.title, 200)}*`;
  return first ? `${title} — ${evidenceLine(first, maxValue)}` : title;
}

/** Slack renders `<!date^…>` in the reader's time zone; the fallback is shown where it cannot. */
export function slackDate(date: Date): string {
  const epoch = Math.floor(date.getTime() / 1_000);
  const fallback = date.toISOString().replace('T', ' ').slice(0, 16);
  return `<!date^${epoch}^{date_short_pretty} {time}|${fallback} UTC>`;
}

/** A Slack user mention for a real user id; anything else is shown as escaped text. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : safeText(userId, 30);
}

export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
