// secretlint (core + the recommended preset) as a scanner of free text: which secret values does it see?
// Its reported ranges are not trusted (the AWS rule's range covers the key name and only part of the
// secret), so it returns the values it reports; the caller masks every occurrence of each value.
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

/**
 * secretlint's core marks every rule run on a process-wide profiler that keeps each mark (and measure) for the
 * life of the process and scans the kept ones on every new mark: each redaction was slower than the last and the
 * heap grew with uptime. Nothing here reads the profile, so marking is switched off, once, for the process.
 */
export function disableSecretlintProfiler(): void {
  secretLintProfiler.mark = () => {};
}
disableSecretlintProfiler();

/** Finds secret values in a text. Throws when it cannot scan (the caller withholds the text). */
export interface SecretScanner {
  findSecrets(text: string): Promise<string[]>;
}

type SecretlintConfig = Parameters<typeof lintSource>[0]['options']['config'];

const CONFIG: SecretlintConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommended,
      // Bare access key ids (AKIA…/ASIA…) too, not only keys next to a secret.
      rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
    },
  ],
};

/**
 * secretlint honours `secretlint-disable` comments inside the scanned text, and command output is written by
 * whoever controls the node: break those markers (same length, so positions do not move) before scanning.
 */
const DISABLE_COMMENT = /secretlint-(?=disable|enable)/gi;

/** URL-shaped values keep their host visible: only the password of `scheme://user:password@host` is secret. */
const URL_USERINFO = /^[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@]{0,128}:([^\s/@]{1,256})@/;

/** A PEM block keeps its BEGIN/END lines visible (they say what was there): only the body is secret. */
const PEM = /^-----BEGIN[^\n]{0,80}-----([\s\S]*?)(?:-----END[^\n]{0,80}-----\s*)?$/;

function secretPart(value: string): string {
  const pem = PEM.exec(value);
  if (pem?.[1] && pem[1].trim().length >= MIN_VALUE_LENGTH) return pem[1];
  return URL_USERINFO.exec(value)?.[1] ?? value;
}

/** Values at least this long are masked; shorter reports are labels, not secrets. */
const MIN_VALUE_LENGTH = 6;

export function createSecretlintScanner(): SecretScanner {
  return {
    async findSecrets(text) {
      const content = text.replace(DISABLE_COMMENT, 'secretlint_');
      const result = await lintSource({
        source: { content, filePath: 'output.txt', ext: '.txt', contentType: 'text' },
        options: { config: CONFIG, noPhysicFilePath: true },
      });
      const values = new Set<string>();
      for (const message of result.messages) {
        const data = Object.values((message.data ?? {}) as Record<string, unknown>).filter(
          (v): v is string => typeof v === 'string' && v.length >= MIN_VALUE_LENGTH && content.includes(v),
        );
        if (data.length === 0) {
          // Nothing reported by value: fall back on the range.
          const [start, end] = message.range;
          if (end - start >= MIN_VALUE_LENGTH) values.add(content.slice(start, end));
          continue;
        }
        for (const value of data) values.add(secretPart(value));
      }
      return [...values];
    },
  };
}
