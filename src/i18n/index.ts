// Message catalogs: every sentence the bot says, in every language it speaks. One catalog per language and area;
// the Japanese (and any future) catalog is typed by the English one, so a missing or extra key is a compile error.
// A catalog entry is a whole sentence (a string, or a function of typed parameters that returns one): callers never
// glue translated fragments together in English word order.
import { cliEn } from './cli.en.ts';
import { cliJa } from './cli.ja.ts';
import { findingsEn } from './findings.en.ts';
import { findingsJa } from './findings.ja.ts';
import { panelsEn } from './panels.en.ts';
import { panelsJa } from './panels.ja.ts';
import { slackEn } from './slack.en.ts';
import { slackJa } from './slack.ja.ts';
import { threadEn } from './thread.en.ts';
import { threadJa } from './thread.ja.ts';
import { wordsEn } from './words.en.ts';
import { wordsJa } from './words.ja.ts';
import { workEn } from './work.en.ts';
import { workJa } from './work.ja.ts';

export type { CliCatalog } from './cli.en.ts';
export type { FindingsCatalog } from './findings.en.ts';
export type { PanelsCatalog } from './panels.en.ts';
export type { SlackCatalog } from './slack.en.ts';
export type { ThreadCatalog } from './thread.en.ts';
export type { WordsCatalog } from './words.en.ts';
export type { WorkCatalog } from './work.en.ts';

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** Everything the bot can say in one language. */
export interface Catalog {
  lang: Lang;
  /** Dates, durations, counts and lists, formatted the language's way. */
  words: typeof wordsEn;
  /** Verdicts and findings: titles, explanations, fixes, evidence labels. */
  findings: typeof findingsEn;
  /** What an investigation posts in its thread: root message, step replies, verdict, Show output, watch, feedback. */
  thread: typeof threadEn;
  /** Alerts and digests, the fleet view, App Home, history, subscriptions, doctor, Run now, usage. */
  panels: typeof panelsEn;
  /** Slack commands and buttons: acks, refusals, errors, the language setting. */
  slack: typeof slackEn;
  /** Authorization refusals, calls that failed (gaps), Show output's text, give-ups, fleet scope, subscriptions. */
  work: typeof workEn;
  /** The command-line tools. */
  cli: typeof cliEn;
}

const CATALOGS: Record<Lang, Catalog> = {
  en: {
    lang: 'en',
    words: wordsEn,
    findings: findingsEn,
    thread: threadEn,
    panels: panelsEn,
    slack: slackEn,
    work: workEn,
    cli: cliEn,
  },
  ja: {
    lang: 'ja',
    words: wordsJa,
    findings: findingsJa,
    thread: threadJa,
    panels: panelsJa,
    slack: slackJa,
    work: workJa,
    cli: cliJa,
  },
};

/** The catalog of a language. */
export function texts(lang: Lang = DEFAULT_LANG): Catalog {
  return CATALOGS[lang];
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** `ja`, `ja-JP`, `ja_JP.UTF-8` → `ja`; anything else we do not speak → undefined. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const base = locale
    ?.trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return base && isLang(base) ? base : undefined;
}
