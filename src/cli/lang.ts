// The language a command-line run speaks: `--lang en|ja` wins, else the locale of the environment (LC_ALL,
// LC_MESSAGES, LANG: the first one set, as POSIX reads them), else English. Pure.
import { DEFAULT_LANG, isLang, type Lang, langOfLocale } from '../i18n/index.ts';

export type CliLang =
  /** `args` without the `--lang` flag (the rest goes to the command parser). */
  | { ok: true; lang: Lang; args: string[] }
  /** `--lang` with a value we do not speak; `lang` is the environment's, to say so in. */
  | { ok: false; lang: Lang; value: string; args: string[] };

/** The language of the environment's locale, when it names one we speak. */
export function envLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return langOfLocale(locale) ?? DEFAULT_LANG;
}

export function cliLang(args: readonly string[], env: Readonly<Record<string, string | undefined>>): CliLang {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--lang') {
      asked = args[i + 1] ?? '';
      i += 1;
    } else if (arg.startsWith('--lang=')) {
      asked = arg.slice('--lang='.length);
    } else {
      rest.push(arg);
    }
  }
  const fromEnv = envLang(env);
  if (asked === undefined) return { ok: true, lang: fromEnv, args: rest };
  const value = asked.trim().toLowerCase();
  return isLang(value) ? { ok: true, lang: value, args: rest } : { ok: false, lang: fromEnv, value: asked, args: rest };
}
