// Shared wording for the Slack views: emoji, durations, gaps and evidence lines. Everything that came
// from AWS is escaped here or by the helper that wraps it.
import type { FactGap } from '../../domain/facts.ts';
import type { Diagnosis, Evidence, Finding, Severity } from '../../domain/finding.ts';
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

export const OUTCOME_LABEL: Record<Diagnosis['outcome'], string> = {
  fault: 'Fault',
  warning: 'Warning',
  healthy: 'Healthy',
  running: 'Still running',
  incomplete: 'Could not investigate',
};

/** 340 ms · 1.2 s · 2 min 5 s */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** "Could not check: AccessDenied on ssm:DescribeInstanceInformation — <message>" in escaped mrkdwn. */
export function gapLine(gap: FactGap, maxMessage = 300): string {
  const message = gap.message ? ` — ${safeText(gap.message, maxMessage)}` : '';
  const operation = gap.operation ? safeText(gap.operation, 100) : undefined;
  switch (gap.kind) {
    case 'access-denied': {
      const what = gap.action ?? (gap.operation ? `ssm:${gap.operation}` : 'an AWS action');
      return `Could not check: AccessDenied on ${inlineCode(what, 150)}${message}`;
    }
    case 'throttled':
      return `Could not check${operation ? ` ${operation}` : ''}: throttled by AWS${message}`;
    case 'unavailable':
      return `Not available${operation ? ` (${operation})` : ''}${message || ' — no details'}`;
    default:
      return `Could not check${operation ? ` ${operation}` : ''}${message || ': unknown error'}`;
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
