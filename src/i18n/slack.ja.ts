// Slack のコマンドとボタン (src/slack) が返す文言の日本語。
import type { Lang } from './index.ts';
import type { SlackCatalog } from './slack.en.ts';

const LANG_NAMES: Record<Lang, string> = { en: '英語', ja: '日本語' };

export const slackJa: SlackCatalog = {
  buttons: {
    rerun: '再実行',
  },

  problems: {
    noArguments: (verb) => `\`${verb}\` に引数は指定できません。`,
    historyArguments: '`history` に指定できる関連付け ID は 1 つまでです。',
    notAnAssociationId: (token, example) =>
      `\`${token}\` は有効な関連付け ID ではありません。\`${example}\` の形式で指定してください。`,
    unknownSubcommand: (token) => `\`${token}\` というサブコマンドはありません。`,
    unexpectedOption: (token) =>
      `\`${token}\` は指定できません。オプションは \`account <名前|ID>\`、\`region <リージョン>\`、\`lang <en|ja>\` です。`,
    unexpectedFailingOption: (token) =>
      `\`${token}\` は指定できません。\`failing\` のオプションは \`account <名前|ID>\` と \`region <リージョン>\` です。`,
    needsValue: (flag) => `\`${flag}\` には値が必要です。`,
    givenTwice: (flag) => `\`${flag}\` が 2 回指定されています。`,
    notARegion: (value) => `\`${value}\` は AWS リージョンではありません (例: eu-west-1)。`,
    notALang: (value) =>
      `\`${value}\` は ssm-why が対応している言語ではありません。\`en\` か \`ja\` を指定してください。`,
    notALangSetting: (value) =>
      `\`${value}\` は言語設定として指定できません。\`en\`、\`ja\`、\`auto\` のいずれかを指定してください。`,
    langArguments:
      '`lang` には `en`、`ja`、`auto` のいずれかを指定してください (何も指定しなければ現在の設定を表示します)。',
    subscriptions: {
      listTakesNothing:
        '`subscriptions` にオプションは指定できません (このチャンネルのサブスクリプションを一覧表示します)。',
      unsubscribeTakesOne:
        '`unsubscribe` にはサブスクリプション ID を 1 つ (`subscriptions` で確認できます) か `all` を指定してください。',
      notAnId: (token) =>
        `\`${token}\` はサブスクリプション ID ではありません。\`subscriptions\` で一覧を確認できます (例: \`3f9a0c1e\`)。`,
      unexpected: (token) =>
        `\`${token}\` は指定できません。使い方: \`subscribe [account <名前|ID>] [region <リージョン>] [association <ID> | document <名前> | name <パターン>]\``,
      chooseOne:
        '`association`、`document`、`name` のうち 1 つだけを指定してください (ほかの条件はもう一度 subscribe してください)。',
      notAnAccount: (value) => `\`${value}\` はアカウント名でもアカウント ID でもありません。`,
      otherRegion: (region, other) => `関連付けはリージョン ${region} にあり、${other} ではありません。`,
      notAnAssociationId: (value) => `\`${value}\` は有効な関連付け ID ではありません。`,
      notADocument: (value) => `\`${value}\` は SSM ドキュメント名ではありません。`,
      notANamePattern: (value) =>
        `\`${value}\` は関連付け名のパターンではありません (英数字、\`_-.\`、\`*\`、\`?\` が使えます)。`,
    },
  },

  command: {
    statsDisabled: 'このアプリでは統計 (stats) が有効になっていません。',
    fleetDisabled: 'このアプリではフリート表示 (failing) が有効になっていません。',
    subscriptionsDisabled: 'このアプリではアラートのサブスクリプションが有効になっていません。',
    anyAccount: '設定済みのいずれのアカウント',
    lookingIn: (associationId, pairs) => `${pairs} 組のアカウントとリージョンで ${associationId} を探しています…`,
    couldNotStart: '申し訳ありません。調査を開始できませんでした。もう一度お試しください。',
    unknownAccount: (account) => `\`${account}\` というアカウントはありません。`,
    gaveUp: (associationId, attempts, reason) =>
      `申し訳ありません。${associationId} の調査は ${attempts} 回失敗したため中止しました (${reason})。`,
    scanFailed: '申し訳ありません。スキャンに失敗しました。もう一度お試しください。',
    didNotWork: '申し訳ありません。処理できませんでした。もう一度お試しください。',
    subscriptionAmbiguous: (target, matches) =>
      `\`${target}\` に一致するサブスクリプションが ${matches} 件あります。完全な ID を指定してください。`,
    noSuchSubscription: (target) =>
      `このチャンネルにサブスクリプション \`${target}\` はありません。\`/ssm-why subscriptions\` で一覧を確認できます。`,
  },

  doctor: {
    authFailed: (code) => `auth.test が失敗しました (${code})`,
    tokenRevokedFix:
      'SLACK_BOT_TOKEN が誤っているか、取り消されています。OAuth & Permissions から Bot User OAuth Token (xoxb-…) をコピーしてください',
    egressFix: 'slack.com (または SLACK_API_URL) への送信方向の通信を確認してください',
    identity: (bot, team, url) => `ワークスペース ${team} のボット ${bot} (${url})`,
    noScopes: 'Slack がトークンのスコープを返しませんでした',
    noScopesFix: 'ユーザートークンやアプリレベルトークンではなく、ボットトークン (xoxb-…) を使ってください',
    scopesGranted: (scopes) => `スコープ ${scopes.join(', ')} が付与されています`,
    scopesMissing: (scopes) => `不足しているスコープ: ${scopes.join(', ')}`,
    scopesMissingFix:
      'OAuth & Permissions でスコープを追加し (または manifest.yml からアプリを更新し)、アプリを再インストールしてください',
  },

  buttonsAnswer: {
    choiceExpired: 'この選択肢は有効期限が切れています。コマンドをもう一度実行してください。',
    buttonExpired: 'このボタンは有効期限が切れています。',
    targetGone: 'このターゲットはもう調査の対象に含まれていません。',
    uploadFailed: (resourceId, code) =>
      `${resourceId} の出力全体をアップロードできませんでした${code ? ` (${code})` : ''}。`,
    postFailed: (resourceId, code) =>
      `${resourceId} の出力を投稿できませんでした${code ? ` (${code})` : ''}。もう一度お試しください。`,
    noFailedTarget: 'この調査では失敗したターゲットを 1 つも抽出していません。',
    runNowUnavailable: 'この診断結果では「今すぐ実行」を使えません。',
  },

  assumeRoleInto: (roleArn) => (roleArn ? `${roleArn} への AssumeRole` : 'アカウントのロールへの AssumeRole'),

  lang: {
    name: (lang) => LANG_NAMES[lang],
    set: (lang) =>
      `このチャンネルの言語を${LANG_NAMES[lang]}に設定しました。このチャンネルに投稿する調査、アラート、ダイジェストは${LANG_NAMES[lang]}になります。あなただけに表示されるメッセージは、あなたの Slack の言語設定に従います。元に戻すには \`/ssm-why lang auto\` を実行してください。`,
    auto: 'このチャンネルの言語設定を解除しました。調査はそれぞれ開始した人の Slack の言語で投稿され (アラートは英語です)、あなただけに表示されるメッセージはあなたの Slack の言語設定に従います。',
    current: (lang, setBy) =>
      `このチャンネルの言語は${LANG_NAMES[lang]}です (<@${setBy}> が設定)。\`/ssm-why lang en|ja|auto\` で変更できます。コマンドに \`lang ja\` を付けると、そのコマンドだけ言語を選べます。`,
    currentAuto:
      'このチャンネルには言語が設定されていません。調査はそれぞれ開始した人の Slack の言語で投稿され、アラートは英語です。`/ssm-why lang en|ja` で設定できます。コマンドに `lang ja` を付けると、そのコマンドだけ言語を選べます。',
    notInDm:
      'ダイレクトメッセージにはチャンネルの言語設定がありません。ここではあなたの Slack の言語で応答します。コマンドに `lang en` または `lang ja` を付けると、そのコマンドだけ言語を選べます。',
  },
};
