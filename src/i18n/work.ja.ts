// 調査の仕組みが伝える文言 (調査の権限の拒否、判定なしで終わった調査の要約) の日本語。
// アカウント名・ID、リージョン、Slack や AWS のエラーコードとメッセージは元の表記のまま埋め込みます。
import type { WorkCatalog } from './work.en.ts';

export const workJa: WorkCatalog = {
  refusals: {
    unknownAccount: (asked, known) =>
      `\`${asked}\` という名前のアカウントは設定されていません。設定済みのアカウント: ${known}。`,
    accountNotAllowed: (account) => `このチャンネルからはアカウント ${account} を調査できません。`,
    noAccountAllowed: 'このチャンネルからは、設定済みのどのアカウントも調査できません。',
    regionNotConfigured: (region, accounts, configured) =>
      `リージョン ${region} は ${accounts} に設定されていません (設定済みのリージョン: ${configured})。`,
  },
  endings: {
    unpostable: (code) => `チャンネルに投稿できません (${code})`,
    couldNotFinish: (message) => `調査を完了できませんでした: ${message}`,
  },
  aws: {
    place: (account, region) =>
      account && region
        ? `アカウント ${account} (${region}) の `
        : account
          ? `アカウント ${account} の `
          : region
            ? `${region} の `
            : '',
    accessDenied: (action, place) =>
      `ssm-why のロールには ${place}${action} を呼び出す権限がありません。ポリシーに ${action} を追加してください。`,
    notFound: (operation, place, detail) => `${place}${operation} の対象が見つかりません (${detail})。`,
    throttled: (action, place) =>
      `${place}${action} が AWS にスロットリングされ続け、再試行の上限に達しました。1 分ほど置いてからもう一度お試しください。`,
    timedOut: (action, place) => `${place}${action} に AWS が時間内に応答しませんでした。`,
    noCredentials: 'ssm-why が使える AWS 認証情報がありません。',
    unreachable: (action, place, code) =>
      `${place}${action} のために AWS へ接続できませんでした (ネットワークエラー ${code})。`,
    answered: (action, place, name) => `${place}${action} に AWS が ${name} を返しました。`,
  },
  agentRelease: {
    timedOut: (region) => `${region} の SSM Agent の最新バージョンを確認できませんでした (タイムアウト)。`,
    unreachable: (region) => `${region} の SSM Agent の最新バージョンを確認できませんでした (接続できません)。`,
    http: (region, status) => `${region} の SSM Agent の最新バージョンを確認できませんでした (HTTP ${status})。`,
    unreadable: (region) => `${region} の SSM Agent の最新バージョンを読み取れませんでした。`,
  },
  doctor: {
    assumed: (roleArn, withExternalId, arn) =>
      `AssumeRole ${roleArn}${withExternalId ? ' (ExternalId 付き)' : ''} → ${arn}`,
    ownCredentials: (arn) => `アプリ自身の認証情報 → ${arn}`,
    allAllowed: (count) => `読み取りアクション ${count} 件すべてが許可されています`,
    denied: (action, code) => `${action} が拒否されました (${code})`,
    allowAction: (action) =>
      `ロールのポリシーで ${action} を許可してください (deploy/aws/investigator-role.yaml を再デプロイ)。SCP やアクセス許可の境界が拒否している場合もあります`,
    notChecked: (action, code) => `${action} を確認できませんでした (${code})`,
    runAgain: 'doctor をもう一度実行してください。続く場合は AWS までのネットワーク経路を確認してください',
    rejected: (region, code) => `${region} で AWS がリクエストを拒否しました (${code})`,
    enableRegion: (accountId) =>
      `アカウント ${accountId} でこのリージョンが有効になっていないか、名前が誤っています。有効にする (アカウント → AWS リージョン) か、アカウントファイルのこのアカウントのリージョンから外してください`,
    assumeDenied: (roleArn, code) => `AssumeRole ${roleArn} が拒否されました (${code})`,
    fixTrust: (appArn, withExternalId) =>
      `ロールの信頼ポリシーで ${appArn ?? 'アプリのプリンシパル'} に sts:AssumeRole を許可し${
        withExternalId ? ' (sts:ExternalId はアカウントファイルの externalId と同じ値)' : ''
      }、アプリ自身のポリシーでもそのロールの引き受けを許可してください (deploy/aws/investigator-role.yaml、app-role.yaml)`,
    identityDenied: (code) => `sts:GetCallerIdentity が拒否されました (${code})`,
    giveRoleArn: 'SCP がアプリ自身の ID を拒否しています。このアカウントに roleArn を設定してください',
    unreachable: (region, code) => `${region} で AWS に接続できませんでした (${code})`,
    checkEgress:
      'AWS への送信経路 (NAT、プロキシ、または sts・ssm・ec2 の VPC エンドポイント) と AWS_ENDPOINT_URL_* の設定を確認してください',
    credentials: 'AWS 認証情報',
    principal: (arn) => `${arn} (調査用ロールが信頼するプリンシパル)`,
    noIdentity: (code) => `アプリ自身の AWS ID を読み取れませんでした (${code})`,
    giveCredentials:
      'プロセスに認証情報を与えてください (タスクロール、インスタンスプロファイル、AWS_PROFILE または AWS_ACCESS_KEY_ID…)',
    agentVersion: (region) => `SSM Agent のバージョン ${region}`,
    latestIs: (version) => `最新は ${version} です`,
    noLatest: (message) => `最新バージョンを読み取れませんでした (${message})`,
    allowS3:
      'S3 (s3.<region>.amazonaws.com) への送信を許可するか、SSM_AGENT_LATEST_VERSION_URL を設定してください。これがなくても調査は続行します',
    fixSuffix: (fix) => ` → 対処: ${fix}`,
    database: {
      subject: 'データベース',
      pglite: '組み込みの PGlite',
      answers: (name, version) => `${name} ${version} が応答しています`,
      repairHistory: '先にマイグレーション履歴を修復してください',
      pending: (count, names) => `未適用のマイグレーションが ${count} 件あります: ${names}`,
      applyPending:
        'ssm-why を一度起動してください。起動時にアドバイザリーロックの下で適用します (または `prisma migrate deploy` を実行してください)',
      allApplied: (count) => `マイグレーション ${count} 件がすべて適用済みです`,
      noAnswer: (name, message) => `${name} が応答しません (${message})`,
      checkUrl:
        'DATABASE_URL (ホスト、ポート、認証情報、sslmode) と、サーバーがここからの接続を受け付けるかを確認してください',
      notCreatedYet: (directory) =>
        `DATABASE_URL がありません。組み込みの PGlite を初回起動時に ${directory} に作成します (レプリカは 1 つのみ)`,
      notOpened: (directory, message) => `${directory} の組み込みデータベースを開けませんでした (${message})`,
      stopApp: '先に実行中のアプリを停止するか (PGlite は 1 プロセスのみ)、Slack で `/ssm-why doctor` を使ってください',
    },
  },
  sso: {
    noToken: (profile) =>
      `プロファイル ${profile} の AWS SSO セッションにキャッシュされたトークンがありません。\`aws sso login --profile ${profile}\` を実行してください。`,
    expiredToken: (profile) =>
      `プロファイル ${profile} の AWS SSO セッションのキャッシュされたトークンは期限切れです。\`aws sso login --profile ${profile}\` を実行してください。`,
  },
};
