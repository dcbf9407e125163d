// A date every reader sees in their own time zone (Slack's `<!date^…>` token), with a fallback in the
// reader's language for clients that cannot render the token.
import { type Lang, texts } from '../../i18n/index.ts';

export function readerDate(date: Date, lang: Lang): string {
  const epoch = Math.floor(date.getTime() / 1_000);
  return `<!date^${epoch}^{date_short_pretty} {time}|${texts(lang).words.dateTime(date)}>`;
}
