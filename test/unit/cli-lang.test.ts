// The command line's language: `--lang` wins over the environment's locale (LC_ALL, LC_MESSAGES, LANG), English
// by default; and the terminal text in Japanese keeps what AWS wrote as AWS wrote it.
import { describe, expect, it } from 'vitest';
import { cliLang, envLang } from '../../src/cli/lang.ts';
import { renderHeaderText, renderStepText, renderVerdictText } from '../../src/cli/render.ts';
import { accessDeniedGap, diagnosis, healthyDiagnosis, investigation, step, throttledGap } from './views/samples.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('cliLang', () => {
  it.each([
    [{}, 'en'],
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja_JP' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{ LANG: 'fr_FR.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'ja_JP.UTF-8', LC_ALL: '' }, 'ja'],
  ])('environment %j → %s', (env, lang) => {
    expect(envLang(env)).toBe(lang);
    expect(cliLang(['id'], env)).toEqual({ ok: true, lang, args: ['id'] });
  });

  it('--lang wins over the environment, in either spelling, and leaves the other arguments in order', () => {
    expect(cliLang(['id', '--lang', 'en', '--region', 'x'], { LANG: 'ja_JP.UTF-8' })).toEqual({
      ok: true,
      lang: 'en',
      args: ['id', '--region', 'x'],
    });
    expect(cliLang(['--lang=ja', 'id'], { LANG: 'en_US.UTF-8' })).toEqual({ ok: true, lang: 'ja', args: ['id'] });
    expect(cliLang(['--lang', 'JA', 'id'], {})).toEqual({ ok: true, lang: 'ja', args: ['id'] });
  });

  it('a language we do not speak is refused, in the environment’s language', () => {
    expect(cliLang(['id', '--lang', 'fr'], { LANG: 'ja_JP.UTF-8' })).toEqual({
      ok: false,
      lang: 'ja',
      value: 'fr',
      args: ['id'],
    });
    expect(cliLang(['id', '--lang'], {})).toMatchObject({ ok: false, value: '' });
  });
});

describe('CLI text in Japanese', () => {
  const ja = { lang: 'ja' as const, color: false };

  it('the header, a step and the verdict speak Japanese; ids, names and regions stay as AWS wrote them', () => {
    const header = renderHeaderText({ ...investigation(), documentName: 'AWS-RunPatchBaseline' }, ja);
    expect(header).toBe(
      `関連付け ${investigation().associationId} を調査しています\nドキュメント AWS-RunPatchBaseline · アカウント prod (111122223333) · リージョン eu-west-1`,
    );
    const stepText = renderStepText(step({ gaps: [accessDeniedGap, throttledGap], durationMs: 1_234 }), 8, ja);
    expect(stepText).toMatch(/ステップ \d\/8 — /);
    expect(stepText).toContain('(1.2 秒)');
    expect(stepText).toContain('AccessDenied');
    expect(stepText).not.toMatch(/Could not check|throttled by AWS|Step \d/);
    const verdict = renderVerdictText(diagnosis({ gaps: [accessDeniedGap] }), ja);
    expect(verdict).toContain('診断結果: 障害あり');
    expect(verdict).toContain('[エラー]');
    expect(verdict).toContain('根拠:');
    expect(verdict).toContain('対処方法:');
    expect(verdict).toContain('確認できなかった項目:');
    expect(verdict).not.toMatch(/Verdict:|Evidence:|Fix:|Could not check/);
    const healthy = renderVerdictText(healthyDiagnosis(), ja);
    expect(healthy).toContain('診断結果: 正常');
    expect(healthy).toContain('障害は見つかりませんでした。');
  });

  it('the same in English is English (the control)', () => {
    const verdict = renderVerdictText(diagnosis({ gaps: [accessDeniedGap] }), { lang: 'en', color: false });
    expect(verdict).toContain('Verdict: Fault');
    expect(verdict).not.toMatch(JAPANESE);
  });
});
