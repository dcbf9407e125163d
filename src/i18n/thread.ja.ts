// スレッドに投稿する文言 (ルートメッセージ、ステップ、診断結果、出力表示、監視、フィードバック) の日本語。
// AWS のフィールド名、ステータス値、エラーコード、ID、コマンド、ノードの出力は AWS の表記のまま残します。
import type { Severity } from '../domain/finding.ts';
import type { ThreadCatalog } from './thread.en.ts';
import { wordsJa } from './words.ja.ts';

const n = (value: number) => value.toLocaleString('ja-JP');

const SEVERITY: Record<Severity, string> = {
  critical: '重大',
  error: 'エラー',
  warning: '警告',
  info: '情報',
};

export const threadJa: ThreadCatalog = {
  stepTitles: {
    access: 'アクセス',
    association: '関連付けとドキュメント',
    executions: '実行履歴',
    targets: '実行ターゲット',
    nodes: 'ノード',
    'agent-version': 'SSM Agent のバージョン',
    output: '出力',
    diagnosis: '診断',
  },

  facts: {
    problem: '問題',
    skipped: 'スキップ',
    unknown: '不明',
    none: 'なし',
    never: '記録なし',
    when: (stamp, age) => `${stamp} (${age})`,
    age: {
      justNow: 'たった今',
      minutes: (m) => `${m} 分`,
      hours: (h) => `${h} 時間`,
      days: (d) => `${d} 日`,
      ago: (span) => `${span}前`,
      in: (span) => `${span}後`,
    },
    count: (status, count) => `${status} ${n(count)} 件`,
    listMore: (shown, more) => `${shown} … (他 ${more} 件)`,

    access: {
      where: 'アカウント / リージョン',
      identity: '呼び出し元の ID',
      role: 'ロール',
      roleWithExternalId: (arn) => `${arn} (ExternalId あり)`,
      ownCredentials: 'アプリ自身の認証情報',
      sessionName: 'セッション名 (CloudTrail)',
      failed: (operation, code, message) => `${operation} が${code ? ` ${code} で` : ''}失敗しました: ${message}`,
      usuallyMeans: '考えられる原因',
    },
    association: {
      notFound: '見つかりません',
      notFoundValue: (accountName, region) =>
        `DescribeAssociation: ${accountName} / ${region} で AssociationDoesNotExist が返されました`,
      notFoundGap: (associationId, accountName, accountId, region) =>
        `関連付け ${associationId} は ${accountName} (${accountId}) / ${region} に存在しません`,
      status: 'ステータス',
      nodesByStatus: 'ステータス別のノード数',
      document: 'ドキュメント',
      schedule: 'スケジュール',
      scheduleValue: (expression, cronOnly, offsetDays) =>
        `${expression ?? 'なし (作成時に 1 回だけ実行)'}${cronOnly ? ' · ApplyOnlyAtCronInterval' : ''}${offsetDays ? ` · オフセット ${offsetDays} 日` : ''}`,
      targets: 'ターゲット',
      legacyInstance: (instanceId) => `InstanceId ${instanceId} (従来形式の関連付け)`,
      rateControls: 'レート制御',
      rateControlsValue: (maxConcurrency, maxErrors) =>
        `MaxConcurrency ${maxConcurrency ?? '既定値'} · MaxErrors ${maxErrors ?? '既定値'}`,
      lastExecution: '最終実行',
      lastSuccess: '最終成功',
      outputLocation: '出力先',
      changeCalendars: '変更カレンダー',
      documentProblem: 'ドキュメントの問題',
      documentDetails: 'ドキュメントの詳細',
      schema: (version) => `スキーマ ${version}`,
      version: (version) => `バージョン ${version}`,
      defaultVersion: (version) => `デフォルト ${version}`,
    },
    executions: {
      associationUnreadable: '関連付けを読み取れませんでした',
      executions: '実行',
      neverRan: 'なし — この関連付けは一度も実行されていません',
      schedule: 'スケジュール',
      read: '読み取った実行',
      readValue: (count) => `${count} 件 (新しい順)`,
      latest: '最新',
      earlierFailure: '以前の失敗',
      lastSuccess: '最後に成功した実行',
      noSuccess: '読み取った履歴にはありません',
    },
    targets: {
      noExecution: '調べる実行がありません',
      historyUnreadable: '実行履歴を読み取れませんでした',
      latest: '最新の実行',
      latestFailed: '最新の失敗した実行',
      noTargets: (executionId) => `${executionId}: ターゲットなし — ターゲットに該当するノードがありませんでした`,
      total: (executionId, total, counts) => `${executionId}: ターゲット ${n(total)} 件 — ${counts}`,
      examples: (ids) => `例: ${ids}`,
    },
    nodes: {
      matchesNone: '現在一致するマネージドノードはありません',
      matches: (count, more, sample) =>
        `${count} 台${more ? 'を超える' : 'の'}マネージドノードに一致します (例: ${sample})`,
      nothingToInspect: '調べるノードがありません',
      dhmc: 'デフォルトのホスト管理設定',
      dhmcOn: (roleName) => `有効 (${roleName})`,
      dhmcOff: '未設定',
      dhmcUnchecked: '未確認',
      notManaged: 'マネージドノードではありません',
      ec2: (state) => `EC2 ${state ?? '状態不明'}`,
      profile: (name) => `インスタンスプロファイル ${name}`,
      noProfile: 'インスタンスプロファイルなし',
      ping: (pingStatus, lastPing) => `${pingStatus ?? 'ping ステータス不明'} (最終 ping ${lastPing})`,
      agent: (version) => `SSM Agent ${version}`,
      role: (role) => `IAM ロール ${role}`,
      noRole: 'IAM ロールなし',
      association: (status, errorCode) => `関連付け ${status}${errorCode ? ` · ErrorCode ${errorCode}` : ''}`,
      target: (status) => `ターゲット ${status}`,
    },
    agentVersion: {
      latestIn: (region) => `${region} の最新バージョン`,
      couldNotCheck: (reason) => `確認できませんでした (${reason ?? '理由不明'})`,
      unknownGap: (reason) => `最新の SSM Agent のバージョンがわかりません: ${reason ?? '取得できませんでした'}`,
      notLatest: '最新ではありません (IsLatestVersion = false)',
      latestUnknown: '最新バージョン不明',
      upToDate: '最新です',
      older: '最新より古いバージョンです',
      version: (version, verdict) => `${version} — ${verdict}`,
      nodes: 'ノード',
      noNode: '調べたマネージドノードはありません',
    },
    output: {
      nothingToRead: '出力を読み取れる失敗したターゲットがありません',
      noOutputSource: 'ターゲットに OutputSource がありません',
      expired: 'コマンドの呼び出しが期限切れか、存在しません (Run Command が出力を保持するのは 30 日間です)',
      noPluginOutput: 'プラグインの出力が見つかりません',
      label: (status, count, resourceId) => `${status} (ターゲット ${n(count)} 件、例: ${resourceId})`,
      command: (plugin, details, exitCode, why) =>
        `${plugin ? `${plugin}: ` : ''}${details}、終了コード ${exitCode}${why ? ` — ${why}` : ''}`,
      automation: (status, step, why) =>
        `Automation ${status}${step ? ` (ステップ ${step})` : ''}${why ? ` — ${why}` : ''}`,
      unavailable: (reason) => `出力を取得できません: ${reason ?? '理由不明'}`,
    },
  },

  gaps: {
    accessDenied: (roleArn, action) =>
      `AccessDenied: ${roleArn ? `ロール ${roleArn} には` : 'アプリ自身の認証情報には'} ${action} を呼び出す権限がありません`,
    throttled: (operation) => `${operation} は再試行後も AWS にスロットリングされました`,
    timedOut: (operation) => `${operation} がタイムアウトしました`,
    failed: (operation, message) => `${operation} が失敗しました: ${message}`,
    unexpected: (operation) => `${operation} が予期せず失敗しました`,
  },

  runner: {
    accountGone: (accountName) => `アカウント ${accountName} はもう設定されていません`,
    notStored: (ordinal, title, reason) =>
      `ステップ ${ordinal} (${title}) の結果を保存できませんでした: ${reason}。調査はここで停止しました。`,
    refusedWith: (code, said) => `データベースが拒否しました (${code}: ${said})`,
    refusedCode: (code) => `データベースが拒否しました (${code})`,
    refused: 'データベースが拒否しました',
    verdict: '診断結果',
    rankedFinding: (rank, severity) => `#${rank} ${SEVERITY[severity]}`,
  },

  format: {
    outcome: {
      fault: '障害',
      warning: '警告',
      healthy: '正常',
      running: '実行中',
      incomplete: '調査できませんでした',
    },
    duration: {
      ms: (ms) => `${ms} ミリ秒`,
      seconds: (s) => `${s} 秒`,
      minutes: (m) => `${m} 分`,
      minutesSeconds: (m, s) => `${m} 分 ${s} 秒`,
    },
    gap: {
      anAwsAction: 'AWS のアクション',
      accessDenied: (action, message) => `確認できませんでした: ${action} で AccessDenied${message}`,
      throttled: (operation, message) =>
        `確認できませんでした${operation ? ` (${operation})` : ''}: AWS によりスロットリングされました${message}`,
      unavailable: (operation, message) =>
        `取得できませんでした${operation ? ` (${operation})` : ''}${message || ' — 詳細なし'}`,
      other: (operation, message) =>
        `確認できませんでした${operation ? ` (${operation})` : ''}${message || ': 不明なエラー'}`,
    },
    moreNotShown: (count) => `… ほかに ${count} 件は表示していません`,
    more: {
      facts: (hidden) => `_… ほかに ${hidden} 件の項目があります_`,
      findings: (hidden) => `_… ほかに ${hidden} 件の検出結果があります_`,
      gaps: (hidden) => `_… ほかに確認できなかった項目が ${hidden} 件あります_`,
      resources: (hidden) => `_… ほかに ${hidden} 件のリソースがあります_`,
      evidence: (hidden) => `_… ほかに ${hidden} 件の根拠があります_`,
      steps: (hidden) => `_… ほかに ${hidden} 件の手順があります_`,
      links: (hidden) => `_… ほかに ${hidden} 件のリンクがあります_`,
      commands: (hidden) => `_… ほかに ${hidden} 件のコマンドがあります_`,
      platforms: (hidden) => `_… ほかに ${hidden} 件のプラットフォームがあります_`,
      checks: (hidden) => `_… ほかに ${hidden} 件の確認項目があります_`,
      families: (hidden) => `_… ほかに ${hidden} 件の原因分類があります_`,
    },
  },

  reply: {
    status: {
      ok: '正常',
      warning: '警告',
      failed: '問題あり',
      skipped: 'スキップ',
      error: '完了できませんでした',
    },
    title: (emoji, ordinal, total, title) => `${emoji} *ステップ ${ordinal}/${total} — ${title}*`,
    footer: (status, took) => `${status} · 所要時間 ${took}`,
    outputsNotShown: (count) => `ほかに ${count} 件の出力は表示していません`,
    findingsHeading: '*検出結果*',
    findingCount: (count) => `検出結果 ${count} 件`,
    gapCount: (count) => `確認できなかった項目 ${count} 件`,
    statusSummary: (status) => status,
    text: (emoji, ordinal, total, title, summary) => `${emoji} ステップ ${ordinal}/${total} — ${title}: ${summary}`,
  },

  root: {
    header: (finished, associationId) => `関連付け ${associationId} の${finished ? '調査結果' : '調査中'}`,
    queued: '🕓 キューに入りました — まもなく開始します…',
    allDone: (total) => `⏳ 全 ${total} ステップが完了しました — 診断結果をまとめています…`,
    step: (step, total, title) => `⏳ ステップ ${step}/${total}${title ? ` — ${title}…` : '…'}`,
    noFault: '問題は見つかりませんでした',
    seeThread: 'スレッドを参照してください',
    headline: (emoji, label, headline) => `${emoji} *${label}: ${headline}*`,
    moreFindings: (count) => `_ほかに検出結果が ${count} 件あります_`,
    checksNotRun: (count) => `_${count} 件のチェックを実行できませんでした — 診断結果を参照してください_`,
    evidenceInThread: '根拠と対処方法はスレッドにあります',
    followInThread: '各ステップの結果はスレッドで確認できます',
    document: (name) => `*ドキュメント:* ${name}`,
    account: (name, id) => `*アカウント:* ${name} (${id})`,
    region: (region) => `*リージョン:* ${region}`,
    byAlert: '*トリガー:* アラート',
    requestedBy: (mention) => `*依頼者:* ${mention}`,
    couldNotFinish: (why) => `❗ *調査を完了できませんでした。*${why ? `\n${why}` : ''}`,
    fallbackVerdict: (emoji, associationId, headline) => `${emoji} 関連付け ${associationId}: ${headline}`,
    fallbackFailed: (associationId) => `❗ 関連付け ${associationId} の調査を完了できませんでした`,
    fallbackRunning: (associationId, step, total) =>
      `関連付け ${associationId} を調査しています — ステップ ${step}/${total}`,
    rerun: '再実行',
  },

  verdict: {
    resources: (list) => `\n_リソース:_ ${list}`,
    evidenceHeading: '*根拠*',
    fix: (steps) => `*対処方法*\n${steps}`,
    links: (links) => `*リンク:* ${links}`,
    checkYourself: (commands, more) =>
      `*自分で確認するには*\n${commands}${more > 0 ? `\n_… ほかに ${more} 件のコマンドがあります_` : ''}`,
    agentLogs: (lines) => `*SSM Agent のログ*\n${lines}`,
    headline: (emoji, associationId, label) =>
      `${emoji} *${associationId ? `関連付け ${associationId} の` : ''}診断結果: ${label}*`,
    fallbackHealthy: (emoji, associationId) =>
      `${emoji} ${associationId ? `関連付け ${associationId} に` : ''}問題は見つかりませんでした`,
    fallback: (emoji, label, associationId, title, more) =>
      `${emoji} ${associationId ? `関連付け ${associationId} の` : ''}${label}: ${title}${more > 0 ? ` (ほかに検出結果 ${more} 件)` : ''}`,
    otherFindings: '*その他の検出結果*',
    healthyChecked: (checks) => `✅ *問題は見つかりませんでした。* 確認した内容:\n${checks}`,
    checked: (checks) => `*確認した内容:*\n${checks}`,
    couldNotCheck: '*確認できなかった項目*',
    rerun: '再実行',
  },

  output: {
    exit: (code) => `(終了コード ${code})`,
    atStep: (step) => `(ステップ ${step})`,
    outputOf: (resourceId) => `${resourceId} の出力`,
    allSampled: (count) => `サンプルした失敗ターゲット ${count} 件をすべて表示…`,
    firstOf: (shown, total) => ` (${total} 件中の最初の ${shown} 件)`,
    listText: (note) => `失敗したターゲットの出力を表示${note}`,
    listIntro: (note) => `*この調査でサンプルした失敗ターゲット*${note} — 出力はスレッドに投稿されます。`,
    truncated: (hidden) => `… (省略: 先頭の ${n(hidden)} 文字は下のファイルにあります)\n`,
    empty: '(空)',
    secretsMasked: (count) => `🔒 投稿前に ${count} 件のシークレットをマスクしました`,
    secretsChecked: '🔒 投稿前にシークレットが含まれていないか確認しました',
    where: (associationId, accountName, region, source) =>
      `関連付け ${associationId} · ${accountName} · ${region}${source}`,
    stdoutInS3: (link) => `• S3 上の stdout: ${link}`,
    stderrInS3: (link) => `• S3 上の stderr: ${link}`,
    s3Folder: (link) => `• S3 の出力フォルダー: ${link}`,
    logGroup: (group) => `• CloudWatch Logs のロググループ ${group}`,
    openConsole: 'コンソールで開く',
    whereElse: (lines) => `*ほかの確認先*\n${lines}`,
    // Slack が読む人のタイムゾーンで表示します (表示できない場合は UTC の日時)。
    at: (date) =>
      `<!date^${Math.floor(date.getTime() / 1_000)}^{date_short_pretty} {time_secs}|${wordsJa.dateTime(date)}>`,
    fields: {
      status: 'ステータス',
      statusDetails: 'ステータスの詳細',
      exitCode: '終了コード',
      plugin: 'プラグイン',
      started: '開始',
      ended: '終了',
      document: 'ドキュメント',
    },
    documentSteps: (lines) => `*ドキュメントのステップ*\n${lines}`,
    noPlugin: 'プラグインなし',
    automationStep: (name, action, status, kind) =>
      `*ステップ ${name}*${action ? ` (${action})` : ''} — ${status}${kind ? ` · ${kind}` : ''}`,
    automationText: (title, status) => `${title}: Automation ${status}`,
    notAvailable: (reason) => `*出力を取得できません:* ${reason}`,
    executionSummary: (preview) => `*ノード上の ExecutionSummary* (\`DescribeInstanceAssociationsStatus\`)\n${preview}`,
    reportedLocation: (link) => `• ノードが報告した出力先: ${link}`,
    open: '開く',
    agentLogs: (platform, paths) => `• SSM Agent のログ (${platform}): ${paths}`,
    runFolder: (folder) => `• ノード上のこの実行のフォルダー (スクリプト、stdout、stderr): ${folder}`,
    mayStillBe: (lines) => `*出力が残っている可能性のある場所*\n${lines}`,
    unavailableText: (title) => `${title}: 出力を取得できません`,
    fileTitle: (resourceId) => `${resourceId} の出力 (マスク済み)`,
    recentlyShown: (resourceId) =>
      `${resourceId} の出力はスレッドに投稿したばかりです (または投稿中です)。新しい出力が必要な場合は 1 分ほど待ってからもう一度お試しください。`,
    title: (resourceId, status, groupCount) =>
      `${resourceId} の出力 — ${status}${groupCount > 1 ? ` (このステータスのターゲット ${n(groupCount)} 件)` : ''}`,
    stream: (stream, length, limit) =>
      `${stream} (${n(length)} 文字${limit !== undefined ? ` — SSM が保持するのは先頭の ${n(limit)} 文字までです。残りは設定されていれば S3 または CloudWatch にあります` : ''})`,
    plugin: (plugin, status, details, exitCode) =>
      `${plugin ?? 'コマンド'} — ステータス: ${status}${details ? ` · ステータスの詳細: ${details}` : ''} · 終了コード: ${exitCode}`,
    reasons: {
      commandExpired: (code) =>
        `コマンドの呼び出しはもう存在しません (${code})。Systems Manager がコマンドとオートメーションの履歴を保持するのは 30 日間です。また、開始直後の呼び出しはまだ見えないことがあります`,
      automationExpired: (code) =>
        `オートメーションの実行はもう存在しません (${code})。Systems Manager がコマンドとオートメーションの履歴を保持するのは 30 日間です。また、開始直後の実行はまだ見えないことがあります`,
      accessDenied: (action) => `ロールに読み取り権限がありません: ${action ?? 'この呼び出し'} で AccessDenied`,
      commandUnreadable: (detail) => `コマンドの呼び出しを読み取れませんでした${detail ? `: ${detail}` : ''}`,
      automationUnreadable: (detail) => `オートメーションの実行を読み取れませんでした${detail ? `: ${detail}` : ''}`,
      noPlugins: 'この呼び出しにはプラグインがありません',
      noOutputSource:
        'ターゲットに OutputSource がありません。コマンドがノードに届かなかったため、Systems Manager にはこのターゲットの出力がありません',
      statusUnreadable: (detail) => `。ノードの関連付けのステータスも読み取れませんでした (${detail})`,
    },
    file: {
      seconds: (s) => `${s} 秒`,
      minutesSeconds: (m, s) => `${m} 分 ${s} 秒`,
      hoursMinutes: (h, m) => `${h} 時間 ${m} 分`,
      timing: (started, ended, took) => `開始 ${started}${ended ? ` · 終了 ${ended}` : ''}${took ? ` (${took})` : ''}`,
      stdoutInS3: (url) => `S3 上の stdout: ${url}`,
      stderrInS3: (url) => `S3 上の stderr: ${url}`,
      s3Folder: (uri, consoleUrl) => `S3 の出力フォルダー: ${uri} (${consoleUrl})`,
      logGroup: (group) => `CloudWatch Logs のロググループ: ${group}`,
      console: (url) => `コンソール: ${url}`,
      cli: (command) => `AWS CLI: ${command}`,
      context: (associationId, accountName, region, source) =>
        `関連付け ${associationId} · アカウント ${accountName} · ${region}${source}`,
      redactionNote:
        'シークレットは ssm-why が [REDACTED:<kind>] としてマスクし、Slack のメンションは無効化しています。',
      automation: (executionId, documentName, status) =>
        `Automation ${executionId}${documentName ? ` (${documentName})` : ''} — ${status}`,
      step: (name, action, status) => `== ステップ ${name}${action ? ` (${action})` : ''} — ${status} ==`,
      stepOutput: (name, values) => `出力 ${name}: ${values}`,
      notAvailable: (reason) => `取得できません: ${reason}`,
      executionSummary: 'ノード上の ExecutionSummary:',
      outputUrl: (url) => `出力先の URL: ${url}`,
      whereElse: 'ほかの確認先:',
      agentLogs: (platform, paths) => `SSM Agent のログ (${platform}): ${paths}`,
      runFolder: (folder) => `ノード上のこの実行のフォルダー: ${folder}`,
    },
  },

  watch: {
    button: '🔔 終わったら知らせる',
    started: (execution, hours) =>
      `🔔 実行 ${execution} が終わったら (最大 ${hours} 時間)、このスレッドでお知らせし、あらためて調査します。`,
    already: (who, execution) =>
      `🔔 ${who} さんがすでに依頼済みです: 実行 ${execution} が終わったら、このスレッドで 1 回お知らせします。`,
    verified: (execution, success, total, who) =>
      `✅ *終了:* 実行 ${execution} は ${success}/${total} 件のターゲットで成功しました。${who} 続けて新しい調査を行います。`,
    stillFailing: (execution, status, failing, total, who) =>
      `🔴 *終了:* 実行 ${execution} は ${status} で終わりました — ${failing}/${total} 件のターゲットが Success ではありません。${who} 続けて新しい調査を行います。`,
    gaveUp: (execution, polls, who) =>
      `⏱️ *まだ実行中です:* 実行 ${execution} は ${polls} 回確認しても終わらなかったため、監視を終了しました。${who}`,
  },

  feedback: {
    right: '👍 正しい',
    wrong: '👎 違う',
    modalTitle: 'この診断は正しかったですか？',
    send: '送信',
    skip: 'スキップ',
    modalIntro: 'ありがとうございます。👎 を記録しました。わかれば、実際の原因を教えてください (任意)。',
    noteLabel: '実際の原因は何でしたか？',
    notePlaceholder: '例: リポジトリではなくプロキシが原因だった',
    thanksUp: '👍 ありがとうございます。記録しました。',
    thanksDown: '👎 ありがとうございます。記録しました。診断の改善に役立てます。',
    statsScope: (accounts) => `アカウント ${accounts}`,
    statsNoAccount: 'アカウントなし (このチャンネルで使えるアカウントはありません)',
    statsHead: (days, scope) => `📊 *過去 ${days} 日間の診断結果* — ${scope}`,
    statsNone: (days) => `過去 ${days} 日間に調査はありません。`,
    noVerdictYet: 'まだ診断結果がありません',
    statsSummary: (investigations, verdicts, median) =>
      `調査 ${investigations} 件、診断結果 ${verdicts} 件。診断結果までの時間の中央値は *${median}* です`,
    statsFamily: (family, investigations, up, down) =>
      `• *${family}*: 調査 ${investigations} 件 — 👍 ${up} · 👎 ${down}`,
    statsText: (days, investigations, median) =>
      `過去 ${days} 日間の診断結果: 調査 ${investigations} 件、診断結果までの時間の中央値 ${median}`,
    byFamily: '*原因の分類別*',
    votesNote: '👍/👎 は各診断結果の「この診断は正しかったですか？」への投票です。',
  },
};
