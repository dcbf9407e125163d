// `/ssm-why doctor`: the setup checks, one line each, failures first with their fix. Ephemeral.
import type { DoctorCheck } from '../../doctor/ports.ts';
import { type Lang, texts } from '../../i18n/index.ts';
import { BlockIds, section } from './blocks.ts';
import { enforceMessageLimits, type KnownBlock, type SlackMessage, safeText } from './limits.ts';

/** Lines per section: a section holds 3,000 characters. */
const LINES_PER_SECTION = 12;

export function renderDoctorRunning(accounts: number, lang: Lang): SlackMessage {
  const text = texts(lang).panels.doctor.running(accounts);
  return { text, blocks: [section(text, 'doctor-running')] };
}

export function renderDoctor(input: { checks: readonly DoctorCheck[]; accounts: number; lang: Lang }): SlackMessage {
  const say = texts(input.lang).panels.doctor;
  const ids = new BlockIds('doctor');
  if (input.accounts === 0) {
    const text = say.noAccount;
    return { text, blocks: [section(text, ids.next('none'))] };
  }
  const failed = input.checks.filter((c) => !c.ok);
  const summary =
    failed.length === 0 ? say.allPassed(input.checks.length) : say.someFailed(failed.length, input.checks.length);
  const ordered = [...failed, ...input.checks.filter((c) => c.ok)];
  const lines = ordered.map((c) =>
    c.ok
      ? `✓ *${safeText(c.subject, 120)}*: ${safeText(c.detail, 400)}`
      : `✗ *${safeText(c.subject, 120)}*: ${safeText(c.detail, 400)}${c.fix ? `\n      → ${safeText(c.fix, 400)}` : ''}`,
  );
  const blocks: KnownBlock[] = [section(summary, ids.next('summary'))];
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION) {
    blocks.push(section(lines.slice(i, i + LINES_PER_SECTION).join('\n'), ids.next('checks')));
  }
  return enforceMessageLimits({ text: summary, blocks });
}
