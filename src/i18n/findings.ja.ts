// 検出結果と診断 (src/domain) の日本語。AWS のフィールド名や値、エラーコード、ノードの出力は AWS の表記のまま残します。
import type { RunLimitReason } from '../domain/recency.ts';
import type { ScheduleDetail } from '../domain/schedule.ts';
import type { FindingsCatalog } from './findings.en.ts';

const GAP_KINDS: Record<string, string> = {
  'access-denied': 'アクセス拒否',
  throttled: 'スロットリング',
  'not-found': '見つかりません',
  error: 'エラー',
  unavailable: '利用不可',
};

export const findingsJa: FindingsCatalog = {
  verdict: {
    healthyTitle: '正常',
    couldNotInvestigate: (calls) => `調査できませんでした: ${calls}`,
    rootCause: (title, more, unseen) => `根本原因: ${title}${moreText(more)}${unseenShort(unseen)}`,
    warning: (title, more, unseen) => `警告: ${title}${moreText(more)}${unseenShort(unseen)}`,
    stillRunning: (progress, unseen) => `まだ実行中です (${progress})。${unseenText(unseen)}`,
    recovered: (at, earlier, unseen) =>
      `回復しました${at ? ` (${at})` : ''}: 最新の実行はすべてのターゲットで成功しました。${earlier ? `${earlier} の` : 'それ以前の'}失敗は過去のものです。${unseenText(unseen)}`,
    noProblem: (scope, unseen, note) =>
      `問題は見つかりませんでした (${scope})。${unseenText(unseen)}${note ? `補足: ${note}。` : ''}`,
    progress: (started, done, total) =>
      `${started ? `${started}前に開始` : '開始時刻は不明'}${total > 0 ? `、${total} 件中 ${done} 件のターゲットが完了` : ''}`,
    scope: {
      association: '関連付け',
      document: 'ドキュメント',
      executions: (n) => `${n} 件の実行`,
      nodes: (n) => `${n} 台のノード`,
      agentVersion: 'SSM Agent のバージョン',
      failedOutput: '失敗した実行の出力',
      checked: (parts) => `${parts.join('、')}を確認済み`,
      nothing: '何も読み取れませんでした',
    },
    failedCall: (operation, kind, code, message) =>
      `${operation} (${GAP_KINDS[kind] ?? kind}${code ? `、${code}` : ''}${message ? `: ${message}` : ''})`,
    failedCalls: (calls, meaning) => `${calls.join('、')}。${meaning}`,
    noCallsFailed: '関連付けとその実行履歴を読み取れませんでした',
    checkWithoutEvidence: (check, finding) => `チェック ${check} が根拠のない検出結果 ${finding} を返しました`,
    checkFailed: (check, message) => `チェック ${check} が失敗しました: ${message}`,
  },
  checked: {
    account: (name, id, region, arn) =>
      `アカウント ${name} (${id}) のリージョン ${region} を ${arn} として読み取りました`,
    association: (p) =>
      `関連付け ${p.name}: ドキュメント ${p.document}、ステータス ${p.status ?? '不明'}、スケジュール ${p.schedule ?? 'なし'}、ターゲット ${p.targets ?? 'なし'}`,
    document: (p) =>
      `ドキュメント ${p.name}${p.version ? ` (バージョン ${p.version})` : ''}: ${p.type ?? 'タイプ不明'}、ステータス ${p.status ?? '不明'}、プラットフォーム ${p.platforms ?? '不明'}`,
    documentUnreadable: (name, code) => `ドキュメント ${name}: 説明を取得できませんでした (${code})`,
    executions: (n, newestStatus, counts) =>
      `直近 ${n} 件の実行。最新の実行は ${newestStatus}${counts ? ` ${counts}` : ''}`,
    noExecutions: '実行履歴: 実行はありません',
    targets: (which, total, groups, partial) =>
      `${which === 'newest' ? '最新の実行' : '最新の失敗した実行'}のターゲット: ${total} 件${groups ? ` (${groups})` : ''}${partial ? '、成功以外のみ' : ''}`,
    nodes: (n) =>
      `${n} 台のノード: マネージドノードの登録情報、ping ステータス、SSM Agent のバージョン、ノードごとの関連付けのステータス`,
    ec2: (n) => `${n} 台のノードの EC2 の状態、インスタンスプロファイル、IMDS の設定`,
    dhmc: (role) => `デフォルトのホスト管理設定: ${role ?? '未設定'}`,
    latestAgent: (region, version) => `${region} の最新の SSM Agent: ${version}`,
    outputs: (n) => `失敗した ${n} 件のターゲットの出力 (失敗の種類ごとに 1 件)`,
  },
  history: {
    title: (executionId, at, title) => `過去の失敗 (実行 ${executionId}${at ? `、${at}` : ''}): ${title}`,
    summary: (summary) =>
      `${summary}その後の実行がすべてのターゲットで成功しているため、これは現在の状態ではなく過去の履歴です。`,
  },
  running: {
    stuckTitle: (progress, because, limit) =>
      `実行が進行中のまま止まっています (${progress})。${limitReason(because)}で許される時間 (${limit}) を超えています`,
    stuckSummary:
      '最新の実行は、本来終わっているはずの時刻を大きく過ぎても InProgress のままです。Pending や InProgress のまま残るターゲットは、たいてい実行開始後にオフラインになったノード、別の長いコマンドで手一杯の SSM Agent、または入力待ちのスクリプトです。',
    stuckRemediation: [
      '完了していないターゲットを一覧し (下のコマンドで Status=InProgress または Pending に絞り込みます)、それらのノードがオンラインか確認してください。',
      '該当ノードで、この関連付けに関する SSM Agent のログを読み、実行中のまま残っているコマンド (プロンプト、ロック、応答のないネットワーク呼び出し) がないか確認してください。',
      '関連付けに期間 (Duration) を設定し、時間を超えた実行が次の実行を妨げずにキャンセルされるようにしてください。',
    ],
    title: (firstRun, progress) => `${firstRun ? '初回の実行がまだ' : 'まだ'}実行中です (${progress})`,
    firstRunSummary:
      '関連付けの初回の実行がまだ終わっていないため、判定できる結果がありません。完了時に通知するよう依頼するか、後で再実行ボタンを押してください。',
    summary: '新しい実行が進行中で、その結果はまだ出ていません。',
    remediation: [
      '実行の完了を待ってから (完了すると下のボタンでこのスレッドが更新されます)、診断結果を確認してください。',
    ],
  },
  unexplained: {
    title: (status, detailed) =>
      `関連付けのステータスは ${status}${detailed ? ` (${detailed})` : ''} ですが、既知の原因は見つかりませんでした`,
    summary:
      'AWS から返された内容に一致する既知の原因はありませんでした。次に確認すべきは、ノードごとのステータスと、影響を受けたノードの SSM Agent のログです。',
    remediation: [
      '実行履歴と、影響を受けたノードの関連付けのステータス (下のリンク) を開き、上のステータスと比較してください。',
      '影響を受けたノードの SSM Agent のログで、この関連付け ID に関する行を確認してください。',
      'ステータスが遷移中の可能性があるため、次のスケジュール実行の後に再実行ボタンを押してください。',
    ],
  },
  faults: {
    regionDisabled:
      'そのアカウントでこのリージョンの STS が有効になっていない (IAM → アカウント設定 → Security Token Service (STS) のリージョン) か、有効化されていないオプトインリージョンです。',
    unrecognizedClient:
      'AWS が ssm-why の認証情報を認識しませんでした。多くの場合、アカウントで有効化されていないオプトインリージョンか、アプリの認証情報が無効です。',
    expiredToken: 'ssm-why 自身の認証情報の有効期限が切れています。アプリが使用する認証情報を更新してください。',
    throttled:
      'AWS が呼び出しをスロットリングし、再試行の上限に達しました。別の何かが同じ API を大量に呼び出しています。1 分ほど待ってから再試行してください。',
    timeout:
      'AWS が時間内に応答しませんでした。ssm-why からエンドポイントに到達できない (ネットワーク、プロキシ、VPC エンドポイント) か、応答が非常に遅くなっています。',
    assumeRoleDenied:
      'ロールの信頼ポリシーが ssm-why の実行プリンシパルを信頼していない、アカウントファイルの ExternalId が信頼ポリシーの sts:ExternalId と一致しない、ロールが存在しない、または SCP やアクセス許可の境界が sts:AssumeRole を拒否しています。',
    accessDenied: (action) =>
      `調査用ロールに ${action ?? 'そのアクション'} の権限がない (ロールのポリシーに追加してください) か、SCP やアクセス許可の境界が拒否しています。`,
  },
  reachability: {
    associationNotFound: {
      title: 'このアカウントとリージョンに関連付けが存在しません',
      summary: (message) => `AWS が関連付けは存在しないと回答しました: ${message}`,
      remediation: [
        '関連付け ID を確認してください (ステートマネージャーのコンソールからコピーできます)。',
        '関連付けはリージョンごとのリソースです。作成したリージョンを指定して `/ssm-why <id> region <region>` を実行してください。',
        '別のアカウントにある場合は、そのアカウントをアカウントファイルに追加し、`account <name>` を指定してください。',
      ],
    },
    roleNotAssumable: {
      title: (accountName, accountId) =>
        `ssm-why が ${accountName} (${accountId}) の調査用ロールを引き受けられませんでした`,
      summary: (message, code, meaning) =>
        `${message}${code ? ` (${code})` : ''}。アカウント内の情報を何も読み取れませんでした。${meaning}`,
      remediation: [
        'ロールの信頼ポリシーを確認してください。ssm-why の実行プリンシパルを信頼している必要があります。',
        'アカウントファイルで externalId を設定している場合は、信頼ポリシーで同じ sts:ExternalId を必須にしてください。',
        'アカウントファイルの roleArn が正しく、ロールが存在することを確認してください。',
      ],
    },
    permissionMissing: {
      title: (actions) => `調査は不完全です: ssm-why のロールに ${actions} の権限がありません`,
      summary: '一部のステップで必要な情報を読み取れなかったため、この診断から原因が漏れている可能性があります。',
      addActions: (actions) =>
        `調査用ロールのポリシーに ${actions} を追加してください (README の最小権限ポリシーを参照してください)。`,
      rerun: 'その後、再実行を押してください。',
    },
  },
  agentState: {
    on: (count, instanceId) => (count === 1 ? `${instanceId} で` : `${count} 台のノードで`),
    stuck: {
      title: (on) => `${on}、関連付けが 2 時間以上 InProgress のまま止まっていると SSM Agent が報告しました`,
      falseFailure:
        'SSM Agent は開始から 2 時間経っても InProgress の実行があると報告しましたが、関連付けとそのターゲットは Success を示しています。既知の誤った「失敗」(aws/amazon-ssm-agent#584) の可能性が高いため、ドキュメントが実際に完了したことを確認してください。',
      summary:
        'SSM Agent は、最後の実行から 2 時間経っても InProgress のままの関連付けを Failed とします。ドキュメントが停止した (入力待ちのスクリプト、再起動のループ、ロック) か、SSM Agent が実行を見失っています。',
      remediation: (associationId) => [
        `ノード上で実行が何をしているか確認してください。オーケストレーションフォルダは /var/lib/amazon/ssm/<instance-id>/document/orchestration/${associationId}/ です (Windows: C:\\ProgramData\\Amazon\\SSM\\InstanceData\\<instance-id>\\document\\orchestration\\)。`,
        'スクリプトは対話なしで、時間の上限 (timeoutSeconds) を設けて実行されるようにしてください。終了コード 194 (Linux) または 3010 (Windows) で終わるスクリプトは再起動を要求し、ループすることがあります。',
        '何も実行されていなければ SSM Agent を再起動し、関連付けをもう一度実行してください。',
        'コンソールでは Success と表示され、イベントやステータスだけが Failed の場合は、aws/amazon-ssm-agent#584 の誤った失敗です。',
      ],
      issueLink: 'aws/amazon-ssm-agent#584 (誤った StuckAtInProgress)',
    },
    invalidExpression: {
      title: (on) => `${on}、SSM Agent がスケジュール式を解析できませんでした`,
      summary: (expression) =>
        `SSM Agent はノード上でスケジュールを解析し、${expression ?? 'スケジュール'} について Failed / InvalidExpression を報告しました。このノードでは関連付けが実行されません。`,
      remediation: (associationId) => [
        'スケジュールを修正してください: cron 式では日の指定の一方を ? にし、月は指定せず、間隔は最短 5 分です。rate(N minutes|hours|days) 式では 30 分から 31 日の間にしてください。',
        '古い SSM Agent は新しい式 (オフセット、L、#) を解釈できない場合があります。SSM Agent を更新してください。',
        `SSM Agent のログで \`Encountered error while parsing expression for association ${associationId}\` を探してください。`,
      ],
    },
    listAssocError: {
      title: (on) => `${on}、SSM Agent が関連付けのドキュメントを読み込めませんでした`,
      summary:
        'SSM Agent が Failed / ListAssocError を報告しました。ノード上で GetDocument が失敗したため、ドキュメントは一度も実行されていません。ドキュメントが削除された、共有が解除された、固定したバージョンが削除された、またはノードに取得の権限やネットワーク経路がありません。',
      remediation: (describeDocument) => [
        `ドキュメントがまだ存在し、このアカウントと共有されていることを確認してください: \`${describeDocument}\``,
        'ノードの認証情報で ssm:GetDocument と ssm:DescribeDocument が許可されていることを確認してください (AmazonSSMManagedInstanceCore)。',
        'SSM Agent のログで `Encountered error while loading association … contents` とその後のエラーを探してください。',
      ],
    },
  },
  inventory: {
    multiple: {
      associations: (count, ids) => `AWS-GatherSoftwareInventory の関連付けが ${count} 件: ${ids}`,
      title: (ids) => `${ids} を対象とするインベントリの関連付けが複数あります`,
      summary:
        'ノードに設定できる AWS-GatherSoftwareInventory の関連付けは 1 つだけです。2 つ以上あると、aws:softwareInventory プラグインが "detected multiple inventory configurations" で失敗します。',
      remediation: (listCli) => [
        'インベントリの関連付けはノードごとに 1 つにしてください。余分な関連付けを削除するか、ターゲットが重ならないよう絞り込んでください。',
        'Quick Setup (ホスト管理) は独自のインベントリの関連付けを作成します。ご自身の関連付けか Quick Setup のものを削除してください。',
        `一覧を確認します: \`${listCli}\``,
      ],
    },
    globalSkipped: {
      title: (ids) => `グローバルなインベントリの関連付けが ${ids ?? '一部のノード'} をスキップしました`,
      summary:
        'グローバルなインベントリの関連付け (InstanceIds = *) は、すでに独自のインベントリの関連付けを持つノードをスキップします。これらのノードは Failed ではなく Skipped と報告されます。インベントリはもう一方の関連付けで引き続き収集されます。',
      remediation: [
        'それらのノードでもう一方のインベントリの関連付けを使いたいのであれば、問題はありません。',
        'グローバルな関連付けでそれらのノードも対象にするには、ノード個別のインベントリの関連付けを削除してください。',
      ],
    },
  },
  runCommand: {
    notReadable: (reason) => `読み取れません: ${reason}`,
    where: (first, targets) =>
      targets > 1
        ? `${first ?? 'ターゲット'} (および同じステータスの他の ${targets - 1} 件のターゲット)`
        : (first ?? 'ターゲット'),
    startOnce: (command) =>
      command
        ? `修正後、スケジュールを待たずに今すぐ関連付けを再実行してください: \`${command}\``
        : '修正後、スケジュールを待たずに関連付けを再実行してください (StartAssociationsOnce)。',
    executionTimedOut: {
      title: (targets) => `${targets} 件のターゲットで実行がタイムアウトしました`,
      summary: (timeout, killed) =>
        `ドキュメントは開始されましたが実行タイムアウト${timeout ? ` (${timeout} 秒)` : ''}を超えたため、SSM Agent が停止しました (Linux/macOS では終了コード 137、Windows では -1)。これは MaxErrors の失敗として数えられます。${killed ? '終了コード 137 は、カーネルの OOM killer がスクリプトを終了させた可能性もあります。' : ''}`,
      remediation: [
        '何が止まっているかを特定してください: 入力待ちのプロンプト (-y なしの apt/yum)、ロック、タイムアウトのないネットワーク呼び出しなどです。出力の最後の行を確認してください。',
        '処理に正当に時間がかかる場合は、タイムアウトを延ばしてください: AWS-RunShellScript / AWS-RunPowerShellScript の executionTimeout パラメータ (既定値 3600 秒)、またはカスタムドキュメントのプラグインの timeoutSeconds です。',
      ],
      oomCheck: 'ノードで `dmesg`/`journalctl -k` を実行し、"Out of memory: Killed process" がないか確認してください。',
    },
  },
  patch: {
    runbook:
      'ガイド付きで確認するには、AWSSupport-TroubleshootPatchManagerLinux (Linux) または AWSSupport-TroubleshootWindowsUpdate (Windows) ランブックを実行してください。',
    seenOn: (summary, where) => `${summary}発生箇所: ${where}。`,
    refinements: {
      noexecMount: {
        title: 'パッチスクリプトを実行できません: /var/lib/amazon が noexec でマウントされています',
        summary:
          'AWS-RunPatchBaseline はスクリプトを /var/lib/amazon/ssm 配下に書き込んでそこから実行します。終了ステータス 126 と "Permission denied" は、そのファイルシステムが noexec でマウントされていることを示します。',
        remediation: [
          'ノードのマウントオプションを確認してください: `findmnt -T /var/lib/amazon/ssm` で `noexec` がないか確認します。',
          'noexec を外して再マウントし (/etc/fstab も修正します)、または /var/lib/amazon を実行を許可するファイルシステムに移してください。',
        ],
      },
      concurrentRuns: {
        title: 'ノード上で 2 つのパッチ適用の実行が衝突しました',
        summary:
          '終了ステータス 152/155 (ペイロードの展開) または yum ロックの保持は、別の AWS-RunPatchBaseline の実行 (2 つ目の関連付け、メンテナンスウィンドウ、Quick Setup のパッチポリシー) が、この実行の約 2 分以内に同じノードで開始されたことを示します。',
        remediation: [
          'これらのノードを対象とするすべてのパッチ適用スケジュール (関連付け、メンテナンスウィンドウ、パッチポリシー) を洗い出し、1 つに絞ってください。',
          '2 つとも残す必要がある場合は、実行が重ならないよう時間をずらしてください (ScheduleOffset、または cron の分を変える)。',
        ],
      },
      payloadUnreachable: {
        title: 'パッチのペイロードを S3 からダウンロードできませんでした',
        summary:
          'AWS-RunPatchBaseline は patch-baseline-operations のペイロードをリージョンの aws-ssm-<region> バケットからダウンロードします。ノードから S3 への経路 (またはアクセス許可) がありません。',
        remediation: [
          'ノードから S3 へのアウトバウンド HTTPS (443) を許可してください: セキュリティグループのアウトバウンド、ネットワーク ACL (エフェメラルポートを含む)、NAT ゲートウェイまたは S3 ゲートウェイ VPC エンドポイント経由のルート。',
          'S3 エンドポイントポリシーやプロキシが妨げている場合は、AWS 管理のバケット aws-ssm-<region> と patch-baseline-snapshot-<region> を許可してください。',
          'Quick Setup のパッチポリシーの場合は、インスタンスプロファイルに aws-quicksetup-patchpolicy-* バケットの読み取り権限を付与してください。',
        ],
      },
      dpkgLocked: {
        title: 'ノードで dpkg がロックされているか、中断されています',
        summary:
          'apt が dpkg のロックを取得できませんでした。別のパッケージ操作 (unattended-upgrades、apt-daily、ユーザーのセッション) がロックを保持しているか、以前の実行が中断されています。',
        remediation: [
          'ノードでロックを保持しているプロセスを特定してください: `sudo lsof /var/lib/dpkg/lock-frontend` (多くは unattended-upgrades または apt-daily.service)。',
          'dpkg が中断されている場合は `sudo dpkg --configure -a` で修復してから、パッチの関連付けを再実行してください。',
          'パッチ適用を apt-daily / unattended-upgrades のタイマーと重ならない時間に設定するか、Patch Manager でパッチを管理する場合はそれらを無効にしてください。',
        ],
      },
      noMoreMirrors: {
        title: 'ノードからパッケージリポジトリに到達できません',
        summary:
          'yum/dnf が設定済みリポジトリのすべてのミラーを試して失敗しました。ノードがパッケージリポジトリに到達できません (ネットワーク、プロキシ、リポジトリの設定、リポジトリの証明書)。',
        remediation: [
          'ノードで `sudo yum repolist -v` / `sudo dnf makecache` を実行し、どのリポジトリが失敗するか確認してください。',
          'リポジトリへの経路 (NAT/プロキシ、S3 上の Amazon Linux リポジトリ用の VPC エンドポイント) を復旧するか、壊れたリポジトリ定義を修正または無効にしてください。',
        ],
      },
      python3Missing: {
        title: 'このノードでパッチを適用するには Python 3 が必要です',
        summary:
          'パッチスクリプトが、パッケージマネージャーに対応する Python を見つけられませんでした (apt には Python 3 が必要です)。',
        remediation: [
          'ノードに python3 をインストールしてから (例: `sudo apt-get install -y python3`)、パッチの関連付けを再実行してください。',
        ],
      },
    },
  },
  ansible: {
    macos: 'AWS-ApplyAnsiblePlaybooks は macOS に対応していません。Linux ノードのみを対象にしてください。',
    dependencies:
      'ノードに Ansible、Python 3、または unzip がありません。InstallDependencies パラメータを True にするか、事前にインストールしてください。',
    github:
      'GitHub からのプレイブックのダウンロードに失敗しました。SourceInfo の owner/repository/path と、tokenInfo の `{{ssm-secure:…}}` トークンを確認してください (インスタンスプロファイルにそのパラメータへの ssm:GetParameter と kms:Decrypt が必要です)。',
    s3: 'S3 からのプレイブックのダウンロードに失敗しました。S3 のパスを確認し、インスタンスプロファイルにそのパスへの s3:GetObject を付与してください。',
    title: (exitCode, quoted) =>
      `Ansible のプレイブックが失敗しました${exitCode !== undefined ? ` (終了コード ${exitCode})` : ''}${quoted}`,
    summary: (where) =>
      `${where} で AWS-ApplyAnsiblePlaybooks が失敗しました。プレイブックのダウンロード、依存関係のインストール、またはプレイがエラーを返しました。`,
    remediation: [
      'stderr の抜粋と出力全体で失敗したタスクを確認してください。詳細は Verbose パラメータ (-v … -vvvv) を付けて再実行し、ドライランには Check=True を使ってください。',
      'InstallDependencies=False の場合は、Python 3、Ansible、unzip がノードにインストール済みである必要があります。',
    ],
  },
  chef: {
    install:
      'Chef クライアントのインストールに失敗しました。ノードから chef.io へのインターネットアクセスが必要です。または ChefClientVersion を None にしてクライアントを事前にインストールしてください。',
    s3: 'S3 の読み取りまたは書き込みに失敗しました。インスタンスプロファイルにクックブックのパスへの s3:GetObject (コンプライアンスレポートのバケットを設定している場合はそのバケットへの s3:PutObject も) を付与してください。',
    github:
      'GitHub からのクックブックのダウンロードに失敗しました。SourceInfo と、それが参照するトークンのパラメータを確認してください。',
    title: (exitCode, quoted) =>
      `Chef の実行が失敗しました${exitCode !== undefined ? ` (終了コード ${exitCode})` : ''}${quoted}`,
    summary: (where) =>
      `${where} で AWS-ApplyChefRecipes が失敗しました。Chef クライアントのインストール、クックブックのダウンロード、またはレシピがエラーを返しました。`,
    reproduce:
      'stderr の抜粋と出力全体 (出力を表示) で失敗したリソースを確認し、ノード上で `chef-client -z` を使って再現してください。',
  },
  script: {
    reboot: {
      title: (code) => `スクリプトが再起動を求める終了コード ${code} で終了しました`,
      summary: (code, where) =>
        `終了コード ${code} は、ノードを再起動してドキュメントを再実行するよう SSM Agent に指示します (Linux では 194、Windows では 3010)。誤ってこのコードを返すスクリプトは、${where} のノードを再起動させたり停止させたりします。`,
      remediation: [
        '再起動が意図したものでなければ、成功時に終了コード 0 を返すようにしてください (ラップしたコマンドやインストーラーが 194/3010 をそのまま返すことがよくあります)。',
        '再起動が意図したものであれば、再起動後の再実行が 0 で終了するようにスクリプトを冪等にするか、明示的な再起動ステップを持つ aws:runShellScript/aws:runPowerShellScript を使ってください。',
      ],
    },
    pluginFailed: {
      title: (targets) => `${targets} 件のターゲットでドキュメントが失敗しました`,
      noOutput: (targets, status) =>
        `${targets} 件のターゲットが失敗しました (${status})。原因を示す出力は読み取れませんでした。`,
      summary: (where, meaning) => `${where} でドキュメントのステップが失敗しました。${meaning ?? ''}`,
      remediation: [
        '失敗したターゲットの出力を開き (出力を表示、または Run Command のコンソール)、stderr の最後の行を確認してください。',
        '呼び出しの保存期間が過ぎている場合は、ノード上のオーケストレーションフォルダと SSM Agent のログを確認してください (パスは下記)。',
      ],
    },
    notStarted: {
      title: (quoted) => `ノード上でコマンドが完了しませんでした (ResponseCode -1)${quoted}`,
      summary: (where) =>
        `${where} で ResponseCode -1 です。コマンドが開始されなかったか、ノードがコマンドを受け取っていません。Windows では SSM Agent が停止させた可能性もあります。`,
      remediation: [
        '関連付けの実行中に、ノードの SSM Agent が起動していてオンラインであることを確認してください (上のノードのチェックを参照)。',
        'ノード上で、その実行に関する SSM Agent のログとオーケストレーションフォルダを確認してください (パスは下記)。',
      ],
    },
    exitCode: {
      familyTitle: (label, code, quoted) => `${label ?? 'スクリプトが失敗しました'} (終了コード ${code})${quoted}`,
      title: (code) => `スクリプトが終了コード ${code} で終了しました`,
      familySummary: (meaning, where, code) =>
        `${meaning}${where} でドキュメントのスクリプトが、下に引用した行を出力した後、終了コード ${code} で終了しました。`,
      summary: (where, code) =>
        `${where} でドキュメントのスクリプトが終了コード ${code} で終了しました。Run Command は 0 以外の終了コードをすべて Failed として報告します。`,
      remediation: [
        '引用した行と出力全体 (出力を表示) を確認し、失敗しているコマンド、またはそれが依存するノードの状態を修正してください。',
        '同じパラメータで、ノード上で root (Linux) または Administrator (Windows) として再現してください。スクリプトは成功時に終了コード 0 を返す必要があります。',
      ],
    },
  },
  dispatch: {
    cancelled: {
      title: (targets) => `${targets} 件のターゲットがキャンセルされました`,
      summary:
        'コマンドは完了前にキャンセルされました。人やツールによる CancelCommand か、実行中に関連付けの新しい実行がこの実行を置き換えたことが原因です。',
      remediation: [
        '誰がキャンセルしたかを調べてください: 実行時刻前後の CloudTrail の `CancelCommand` イベントです。',
        '実行が重なる (前の実行がまだ続いている間に新しい実行が始まり、古い方が停止される) 場合は、スケジュールの間隔を 1 回の実行にかかる時間より長くしてください。',
      ],
    },
    accessDenied: {
      title: (targets) => `${targets} 件のターゲットへのコマンド送信でアクセスが拒否されました`,
      summary: (dispatchRole) =>
        `Run Command がノードへのドキュメントの送信を拒否しました。ステートマネージャーが送信に使う ID (${dispatchRole ?? 'サービスリンクロール AWSServiceRoleForAmazonSSM'}) に、ノードまたはそのリソースグループへのアクセス権がありません。`,
      allowSendCommand: (role) =>
        `${role} のポリシーで、ドキュメントとターゲットのノードに対する ssm:SendCommand を許可してください。`,
      serviceLinkedRole:
        'サービスリンクロール AWSServiceRoleForAmazonSSM が存在し、制限されていないことを確認してください。',
      remediation: [
        'これらのノードへの ssm:SendCommand を拒否している SCP、アクセス許可の境界、タグ条件 (ssm:resourceTag/…) がないか確認してください。',
        'リソースグループをターゲットにしている場合は、ロールに resource-groups:ListGroupResources と tag:GetResources も必要です。',
      ],
    },
    rateExceeded: {
      title: (commands) => `レート超過: ${commands} 件のコマンドが実行前にキャンセルされました`,
      summary:
        'ノード上で保留中の呼び出しが多すぎた (LimitExceeded) ため、Run Command がこれらを実行前にキャンセルしました。',
      remediation: [
        'これらのノードにほかに何がコマンドを積んでいるか (他の関連付け、メンテナンスウィンドウ、オートメーション) を調べ、スケジュールをずらしてください (ScheduleOffset)。',
        'MaxConcurrency を下げて、同時に保留される呼び出しを減らしてください。',
      ],
    },
  },
  targets: {
    docLink: 'ステートマネージャーの関連付けのターゲットとレート制御について',
    rules: {
      tags: (describeCli) =>
        `どのマネージドノードにタグが付いているか確認してください: \`${describeCli}\`。タグのキーと値は大文字と小文字を区別します。EC2 ノードは EC2 のタグ、ハイブリッドノードは SSM のタグが使われます。`,
      tagLogic:
        '1 つのタグキーに複数の値を指定するといずれかに一致すれば対象になり (OR)、複数のタグキーはすべてに一致する必要があります (AND)。ノードにはすべてのキーが必要です。',
      newlyTagged:
        'タグでターゲットを指定した関連付けが新しくタグ付けされたノードにすぐ適用されるのは、Command/Policy ドキュメントだけです。オートメーションのランブックには適用されません。',
      resourceGroup:
        'リソースグループのクエリがノードを返すか確認してください: グループは 1 つだけ、入れ子は不可、タグキーは最大 5 個で各キーの値は最大 5 個です。AWS::SSM::ManagedInstance タイプのグループは EC2 とハイブリッドのノードを含みます。グループを削除すると関連付けは停止します。',
      instanceIds:
        '指定したインスタンス ID は、このリージョンのマネージドノード (PingStatus が Online) である必要があります。InstanceIds=* はすべてのマネージドノードを対象にします。',
      regional: (region) =>
        `関連付けはリージョンごとのリソースです。ノードは ${region} のマネージドノードである必要があります。ノードからタグを外すと関連付けが解除されます。`,
    },
    noneMatched: {
      noTargetsListed: '[] (ターゲット 0 件)',
      title: (selector) => `${selector} に一致するターゲットがありません`,
      summary:
        '関連付けは実行されましたが、ターゲットがどのマネージドノードにも解決されなかったため、何も適用されていません。ノードが 0 台でもステータスが Success になることがあります。',
    },
    neverRan: {
      neverRanValue: '[] (実行されていません)',
      noNodeValue: '[] (マネージドノードなし)',
      matchedValue: (matched, more, sample) =>
        `${more ? `${matched} 台以上` : `${matched} 台`}のノード (例: ${sample})`,
      andTitle: (selector) => `${selector} のすべてのタグを持つマネージドノードがありません`,
      title: (selectors) => `${selectors.join('、')} に一致するマネージドノードがありません`,
      andSummary:
        'どのタグも一部のノードには一致しますが、関連付けにはすべてのタグを持つノードが必要で (複数のタグキーは AND で結合されます)、そのようなノードはありません。',
      summary:
        '関連付けは一度も実行されておらず、現在このリージョンにはタグのセレクターに一致するマネージドノードがないため、実行対象がありません。',
    },
  },
  maxErrors: {
    threshold: (maxErrors, total, tolerated) =>
      maxErrors.endsWith('%')
        ? `${total} 件のターゲットの ${maxErrors} = ${tolerated} 件のため、${tolerated + 1} 件目のエラーで停止します`
        : `${maxErrors} のため、${tolerated + 1} 件目のエラーで停止します`,
    root: (failed, statuses, example) =>
      `根本の失敗は失敗した ${failed} 件のターゲットにあります (${statuses}${example ? `、例: ${example}` : ''})。それを修正すれば残りも実行されます。`,
    rootNotListed:
      'しきい値を超えた失敗したターゲットは、この一覧に含まれていません。実行の Failed のターゲットを確認してください。',
    title: (stopped, failed) =>
      `MaxErrors に達しました: ${failed} 件の失敗の後、${stopped} 件のターゲットが停止されました`,
    summary: (stoppedStatuses, threshold, overshoot, root) =>
      [
        `エラーのしきい値に達すると、ステートマネージャーは次の実行まで残りのターゲットでの関連付けを停止します (それらは ${stoppedStatuses} と表示されます)。`,
        threshold !== undefined
          ? `MaxErrors は ${threshold} (MaxErrors=N は N 件のエラーまで許容し N+1 件目で停止します。0 は最初のエラーで停止します)。`
          : '',
        overshoot !== undefined
          ? `しきい値に達した時点で実行中だったターゲットは最後まで実行されるため、しきい値より多くのターゲットが失敗しています (MaxConcurrency ${overshoot ?? '既定値'})。`
          : '',
        root,
      ].join(''),
    fixRoot: (ids) =>
      `まず失敗したターゲットの根本の失敗を修正してください${ids ? ` (${ids})` : ''}。その出力に原因が示されています (Run Command やドキュメントの検出結果を参照)。`,
    remediation: [
      '大規模なフリートで一定の失敗が想定される場合は、MaxErrors を引き上げてください (絶対数、または 10% のような割合)。',
      'しきい値ちょうどで止めたいカナリアリリースでは、MaxConcurrency を低く (1 または小さな割合) してください。同時実行数が高いと、実行中のターゲットが最後まで実行され、それらも失敗することがあります。',
    ],
  },
  output: {
    emptyOnNodes: (count, example, status) => `完了した ${count} 台のノードで空 (例: ${example}、Status ${status})`,
    otherRegion: (bucketRegion, region) => `${bucketRegion} (関連付けのリージョンは ${region})`,
    emptyOnInvocations: (count, example) => `完了した ${count} 件の呼び出しで空 (例: ${example})`,
    remediation: (bucket, prefix) => [
      `ノードのインスタンスプロファイルに arn:aws:s3:::${bucket}/${prefix}* への s3:PutObject を付与してください。SSM Agent は関連付けではなくノードの認証情報でアップロードします。`,
      'バケットが SSE-KMS を使っている場合は、インスタンスプロファイルにそのキーへの kms:GenerateDataKey (と kms:Decrypt) を許可してください。',
      `バケットが存在し、OutputS3Region がバケットのリージョンと一致していることを確認してください (\`aws s3api head-bucket --bucket ${bucket}\`、\`aws s3api get-bucket-location --bucket ${bucket}\`)。`,
      'ノードから S3 へのネットワーク経路 (S3 ゲートウェイ VPC エンドポイントまたは NAT。エンドポイントポリシーでバケットを許可する必要があります) を用意し、バケットポリシーがノードを拒否していないか確認してください。',
      'ノード上で確認します: `grep -i "upload the output to s3" /var/log/amazon/ssm/amazon-ssm-agent.log`',
    ],
    uploadFailed: {
      title: (bucket) => `s3://${bucket} への出力のアップロードに失敗しました`,
      summary:
        'SSM Agent またはスクリプトが、出力先バケットについて S3 のエラーを報告しました。アップロードの失敗で実行が失敗になることはありません。SSM Agent は "Failed to upload the output to s3" をログに記録するだけなので、出力 (と実行内容の記録) は気付かれないまま失われます。',
    },
    missing: {
      title: (bucket) => `完了した実行の出力が s3://${bucket} にありません`,
      summary:
        '出力は S3 に送られる設定ですが、完了した実行が出力 URL を報告していません。アップロードが気付かれないまま失敗した可能性があります (SSM Agent は "Failed to upload the output to s3" をログに記録するだけです)。バケットにその実行のキーがあるか確認してください。',
    },
    unverified: {
      title: (bucket) => `出力は s3://${bucket} に送られます: アップロードの失敗は表に出ません`,
      summary: (regions) =>
        `S3 へのアップロードの失敗で実行が失敗になることはなく、SSM Agent は "Failed to upload the output to s3" をログに記録するだけです。ノードがそこに書き込めることを確認してください。${regions ? `バケットのリージョン (${regions.bucket}) が関連付けのリージョン (${regions.association}) と異なります。` : ''}`,
    },
  },
  agent: {
    updateSteps: (sendCommand) => [
      `今すぐ SSM Agent を更新してください: \`${sendCommand}\``,
      '最新の状態を保ってください: AWS-UpdateSSMAgent をスケジュール実行するステートマネージャーの関連付けか、SSM Agent の自動更新 (フリートマネージャー → 設定) を使います。',
    ],
    unsupportedFeature: {
      title: (ids, count) =>
        `このドキュメントには、${ids} で${count === 1 ? '' : 'それぞれ'}実行中のものより新しい SSM Agent が必要です`,
      summary:
        'SSM Agent が、認識できないプラグイン、前提条件、またはスキーマバージョンを拒否しました。スクリプト自体には問題はなく、このドキュメントに対して SSM Agent が古すぎます。',
      pinVersion:
        'SSM Agent を更新できない場合は、新しいプラグイン、前提条件、スキーマを使っていないドキュメントのバージョンに関連付けを固定してください。',
    },
    unsupportedAgent: {
      title: 'この関連付けには SSM Agent が古すぎます (UnsupportedAgent)',
      summary:
        'Systems Manager が UnsupportedAgent を報告しています。ノードの SSM Agent が、ドキュメントに必要な機能 (インベントリの場合は収集タイプやグローバルなインベントリの関連付け) に対応していません。',
      minimums:
        '最低バージョン: グローバルなインベントリの関連付けは 2.0.790.0、インベントリの files/windowsRegistry/windowsRoles/services の収集は 2.2.64.0、Linux の AWS-RunPatchBaseline は 2.0.834.0 です。',
    },
    outdated: {
      title: (count, first, latest) =>
        `${count === 1 ? `ノード ${first} ` : `${count} 台のノード`}で ${latest} より古い SSM Agent が動作しています`,
      summary: (region, latest) =>
        `${region} の最新の SSM Agent は ${latest} です。古い SSM Agent には、プラグイン、前提条件、取りこぼされたコマンドの修正が含まれていません。詳しく調べる前に更新してください。`,
      versionValue: (version, region, latest) => `${version} (${region} の最新: ${latest})`,
      rollout: '新しい SSM Agent のリリースがすべてのリージョンに行き渡るまで、最大 2 週間かかることがあります。',
    },
    notLatest: {
      title: (count, first) =>
        `${count === 1 ? `ノード ${first} ` : `${count} 台のノード`}で最新の SSM Agent が動作していません`,
      summary: 'これらの Linux ノードには新しい SSM Agent があると Systems Manager が報告しています。',
    },
  },
  node: {
    notAppearingLink: 'ナレッジセンター: EC2 インスタンスがマネージドノードとして表示されない',
    requirements: (region) => [
      'サポートされている OS に SSM Agent がインストールされ、実行中であることを確認してください (`sudo systemctl status amazon-ssm-agent`、Windows: `Get-Service AmazonSSMAgent`)。',
      'ノードに認証情報を与えてください: AmazonSSMManagedInstanceCore ポリシーを持つインスタンスプロファイル、またはデフォルトのホスト管理設定 (IMDSv2 と SSM Agent 3.2.582.0 以降が必要) です。',
      `ssm.${region}.amazonaws.com、ssmmessages.${region}.amazonaws.com、ec2messages.${region}.amazonaws.com へのアウトバウンドの HTTPS (TCP 443) を、NAT/インターネットゲートウェイまたはインターフェイス VPC エンドポイント経由で許可してください。プロキシの設定も確認してください。`,
      `ノードが ${region} に登録されることを確認してください。関連付けとマネージドノードはリージョンごとのリソースです。`,
      'AWSSupport-TroubleshootManagedInstance ランブックを実行するか、ノードで `sudo ssm-cli get-diagnostics --output table` を実行してください (SSM Agent 3.1.501.0 以降)。',
    ],
    lastPing: (ping, ago) => `${ping} (最後の ping: ${ago})`,
    noRecord: '[] — マネージドノードとして登録されていません',
    pingEvery5Minutes:
      '正常な SSM Agent は 5 分ごとに ping を送ります。SSM Agent のプロセスが動作しているか確認し、ログに認証情報やエンドポイントのエラーがないか確認してください。',
    notManaged: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} はマネージドノードではありません`
          : `${count} 台のターゲットのノードがマネージドノードではありません`,
      neverSeen: (ids, region) =>
        `Systems Manager には ${region} の ${ids} の記録がありません。一度も登録されていない (または登録が解除された) ため、関連付けが届きません。`,
      summary:
        'インスタンスは実行中ですが、Systems Manager にその記録がありません (DescribeInstanceInformation が何も返しません)。SSM Agent が登録されていないか、報告が止まっているため、関連付けが届きません。',
    },
    stopped: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} は停止しています`
          : `${count} 台のターゲットのノードが停止しています`,
      summary:
        'EC2 インスタンスは停止しています。停止または終了したインスタンスは Systems Manager のマネージドノードに表示されないため、関連付けはそこで実行できず、ターゲットは Pending のままになるか失敗します。',
      remediation: [
        '管理対象にすべきインスタンスであれば起動してください。SSM Agent が再接続し、次のスケジュールで関連付けが実行されます (start-associations-once で今すぐ実行することもできます)。',
        '停止したままにするインスタンスであれば、関連付けのターゲットから外してください (タグまたはインスタンス ID を削除します)。',
      ],
    },
    terminated: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} は終了しています`
          : `${count} 台のターゲットのノードが終了しています`,
      summary:
        'EC2 インスタンスは終了しています。停止または終了したインスタンスは Systems Manager のマネージドノードに表示されないため、関連付けはそこで実行できず、ターゲットは Pending のままになるか失敗します。',
      remediation: [
        '終了したインスタンスを関連付けのターゲットから外してください (そのインスタンス ID、または置き換え先のインスタンスのタグ)。',
        'Auto Scaling グループで置き換えられた場合は、インスタンス ID ではなくタグやリソースグループでターゲットを指定してください。',
      ],
    },
    connectionLost: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} は Systems Manager との接続が失われました (ConnectionLost)`
          : `${count} 台のターゲットのノードで Systems Manager との接続が失われました (ConnectionLost)`,
      summary:
        'SSM Agent が Systems Manager への ping を停止したため、関連付けを受け取れません。このノードのターゲットは Pending のままになるか、DeliveryTimedOut で終わります。',
    },
    inactive: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} は Systems Manager で Inactive です`
          : `${count} 台のターゲットのノードが Systems Manager で Inactive です`,
      summary:
        'Systems Manager はこのノードを Inactive としています。長期間報告がないか、登録が解除されているため、関連付けが届きません。',
    },
    stuckOffline: {
      title: (targets) => `${targets} 件のターゲットがオフラインのノードで Pending/InProgress のまま止まっています`,
      summary:
        'これらのターゲットは、SSM Agent に到達できないノードを待っています。SSM Agent が戻るか配信がタイムアウトするまで、Pending または InProgress のままです。修正すべきはドキュメントではなくノードの接続です。',
      remediation: [
        'まずノードをオンラインに戻してください (マネージドノードの検出結果を参照): SSM Agent の実行、認証情報、SSM エンドポイントへの HTTPS 443 です。',
        'ノードがオンラインになったら、スケジュールを待たずに関連付けをもう一度実行してください。',
      ],
    },
    undelivered: {
      value: (status, count, examples) => `${status} (${count} 件のターゲット${examples ? `、例: ${examples}` : ''})`,
      title: (targets, status) => `${targets} 件のターゲットが ${status}: コマンドがノードに届きませんでした`,
      deliveryTimedOut: {
        summary:
          'SSM Agent が配信タイムアウトまでにコマンドを受け取らなかった (または受領を返さなかった) 状態です。これはスクリプトの失敗ではなくノードへの到達性の問題で、DeliveryTimedOut のターゲットは MaxErrors に数えられません。',
        remediation: [
          'ノードの PingStatus を確認してください。多くの場合、原因はオフラインの SSM Agent です (SSM Agent の停止、認証情報、SSM エンドポイントへの HTTPS 443)。',
          'ノードがオンラインの場合は、実行時刻前後の SSM Agent のログを確認してください。SSM Agent の再起動、自己更新、ワーカーのクラッシュでコマンドが取りこぼされることがあります (aws/amazon-ssm-agent#569、#430)。',
          'ノードに到達できるようになったら、関連付けをもう一度実行してください。',
        ],
      },
      undeliverable: {
        summary:
          'Systems Manager がコマンドを配信できませんでした。ノードがもう存在しないか、応答していない可能性があります。Undeliverable のターゲットは MaxErrors に数えられません。',
        remediation: [
          'ノードがまだ存在し、このリージョンで ping がオンラインのマネージドノードであることを確認してください。',
          '存在しなくなったノードをターゲットから外してください (インスタンス ID、タグ、リソースグループ)。',
        ],
      },
    },
    noAssociationRows: {
      title: (count, first) =>
        count === 1
          ? `ターゲットのノード ${first} が関連付けを 1 つも報告していません`
          : `${count} 台のターゲットのノードが関連付けを 1 つも報告していません`,
      summary:
        'ノードはマネージドノードですが、DescribeInstanceAssociationsStatus が空です。登録が完了していないか失敗しているため、SSM Agent はどの関連付けも取得していません。',
      remediation: [
        'SSM Agent は既定で 10 分ごとに関連付けを取得します。ノードが最近登録された場合は、1 回分の取得間隔だけ待ってください。',
        'それ以外の場合は SSM Agent を再起動し、ログで `Unable to load instance associations` を探してください。',
        'ノードの認証情報で ssm:ListInstanceAssociations、ssm:DescribeAssociation、ssm:GetDocument、ssm:UpdateInstanceAssociationStatus が許可されていることを確認してください (AmazonSSMManagedInstanceCore)。',
      ],
    },
  },
  instanceProfile: {
    none: '(なし)',
    notManaged: '[] — マネージドノードではありません',
    dhmcNotConfigured: (status) => `(未設定${status ? `、Status ${status}` : ''})`,
    credentialLogLines:
      'SSM Agent のログで `failed to retrieve instance profile role credentials` または `no valid credentials could be retrieved for ec2 identity` を探してください。AccessDenied の後、SSM Agent は何時間も再試行を控えることがあるため、認証情報を修正したら SSM Agent を再起動してください。',
    attachProfile: (command) =>
      `AmazonSSMManagedInstanceCore を持つロールのインスタンスプロファイルをアタッチしてください: \`${command}\``,
    attach: 'または、AmazonSSMManagedInstanceCore を持つインスタンスプロファイルをアタッチしてください。',
    missing: {
      title: (count, first, dhmcOff) =>
        `${count === 1 ? `インスタンス ${first} ` : `${count} 台のインスタンス`}に IAM インスタンスプロファイルがありません${dhmcOff ? '。デフォルトのホスト管理設定も無効です' : ''}`,
      summaryDhmcOff:
        'インスタンスプロファイルもデフォルトのホスト管理設定もないため、SSM Agent には認証情報がありません。ノードは登録されず、何も配信されません。',
      summary:
        'インスタンスプロファイルがないため、デフォルトのホスト管理設定が有効でない限り (確認できませんでした)、SSM Agent には認証情報がなく、ノードを登録できません。',
      turnOnDhmc:
        'または、アカウントとリージョンでデフォルトのホスト管理設定を有効にしてください (フリートマネージャー → アカウント管理)。IMDSv2 と SSM Agent 3.2.582.0 以降が必要です。',
    },
    imdsv1: {
      title: (count, first) =>
        `${count === 1 ? `インスタンス ${first} ` : `${count} 台のインスタンス`}にインスタンスプロファイルがなく IMDSv1 を許可しているため、デフォルトのホスト管理設定が機能しません`,
      summary:
        'このノードは認証情報をデフォルトのホスト管理設定に頼っていますが、この設定は IMDSv2 (HttpTokens = required) でしか機能しません。SSM Agent は認証情報を得られず、ノードは管理されないままです。',
      requireImdsv2: (command) => `IMDSv2 を必須にしてください: \`${command}\``,
      attachInstead:
        'または、デフォルトのホスト管理設定に頼らず、AmazonSSMManagedInstanceCore を持つインスタンスプロファイルをアタッチしてください。',
    },
    agentTooOld: {
      title: (count, first) =>
        `${count === 1 ? `インスタンス ${first} ` : `${count} 台のインスタンス`}にインスタンスプロファイルがなく、SSM Agent がデフォルトのホスト管理設定には古すぎます`,
      summary: (minimum) =>
        `このノードは認証情報をデフォルトのホスト管理設定に頼っていますが、それには SSM Agent ${minimum} 以降が必要です。`,
      versionValue: (version, minimum) => `${version} (デフォルトのホスト管理設定には ${minimum} 以降が必要)`,
      update: (minimum) =>
        `ノードの SSM Agent を ${minimum} 以降に更新してください (再インストールが必要です。認証情報がないため AWS-UpdateSSMAgent は届きません)。`,
    },
    unverified: {
      title: (count, first) =>
        `${count === 1 ? `インスタンス ${first} ` : `${count} 台のインスタンス`}にインスタンスプロファイルがありません。デフォルトのホスト管理設定で管理されるはずですが、されていません`,
      summary:
        'ノードは IMDSv2 を使い、デフォルトのホスト管理設定も構成されていますが、オンラインになっていません。SSM Agent のバージョン (3.2.582.0 以降が必要) とデフォルトのホスト管理設定のロールを確認してください。',
      agentVersion: (minimum) => `ノードの SSM Agent が ${minimum} 以降であることを確認してください。`,
      checkRole: (role) =>
        `デフォルトのホスト管理設定のロール ${role} が存在し、ssm.amazonaws.com を信頼し、AmazonSSMManagedEC2InstanceDefaultPolicy を持つことを確認してください。`,
    },
    emptyRole: {
      title: (count, first) =>
        `${count === 1 ? `インスタンス ${first} ` : `${count} 台のインスタンス`}に、Systems Manager から見える IAM ロールがありません`,
      summary:
        'マネージドノードの IamRole が空で、インスタンスプロファイルやデフォルトのホスト管理設定のロールもありません。キャッシュされた認証情報の期限が切れると ConnectionLost になり、すでに ssm:GetDocument や ssm:UpdateInstanceAssociationStatus などの権限が不足している可能性があります。',
      empty: '(空)',
      remediation: [
        'EC2: AmazonSSMManagedInstanceCore を持つインスタンスプロファイルをアタッチするか、デフォルトのホスト管理設定を有効にしてください。',
        'ハイブリッドノード: AmazonSSMManagedInstanceCore を持つ IAM サービスロールのアクティベーションで再登録してください。',
      ],
    },
  },
  parameters: {
    update: (command) =>
      `関連付けにパラメータを設定してください: \`${command}\` (update-association はすべてのパラメータを置き換えるため、すべてを指定してください)。`,
    noExecutionSummary: '(ExecutionSummary なし)',
    invalidAssocValue: (nodes) => `InvalidAssoc (サンプルした ${nodes} 台のノード)`,
    references: (reference) => `${reference} を参照`,
    requiredMissing: {
      title: (names) => `必須パラメータ ${names.join(', ')} が設定されていません`,
      summary: (names) =>
        `ドキュメントは ${names.join(', ')} を必須としています (既定値なし) が、関連付けはこれを渡していません。AWS はそのような関連付けの作成や更新を拒否します ("You must specify values for all required parameters")。関連付けが実行するドキュメントのバージョンに、その後パラメータが追加された可能性があります。`,
      requiredValue: (type) => `必須${type ? ` ${type}` : ''}、DefaultValue なし`,
      noneValue: '{} (なし)',
      pinVersion: (version) =>
        `関連付けは ${version} に追従しています。新しいバージョンのパラメータが不要であれば、関連付けを作成したときのドキュメントのバージョンに固定してください。`,
      automationTarget:
        'オートメーションのランブックでは、ターゲットのパラメータを渡す代わりに AutomationTargetParameterName (例: InstanceId) で対応付けてください。',
    },
    undefined: {
      title: (names) => `パラメータ ${names.join(', ')} はドキュメントで定義されていません`,
      summary: (names, document, version) =>
        `関連付けは ${names.join(', ')} を渡していますが、ドキュメント ${document}${version ? ` (バージョン ${version})` : ''} では定義されていません。指定できるのはドキュメントで定義されたパラメータだけです。次の関連付けの更新は拒否され、実行時に解析に失敗する (InvalidAssoc) 可能性があります。多くの場合、ドキュメントのデフォルトまたは最新のバージョンが変わったことが原因です。`,
      setValue: '設定あり',
      noneValue: '(なし)',
      remove: () =>
        '関連付けからパラメータを削除するか、そのパラメータを定義しているドキュメントのバージョンに固定してください。',
    },
    invalidAssoc: {
      securestringReference: {
        title: '{{ssm:…}} の参照先が SecureString パラメータです',
        summary:
          'SSM Agent は関連付けのパラメータ内の {{ssm:name}} 参照を解決しますが、そこでは SecureString パラメータを拒否します ("Parameters [..] of type SecureString are not supported")。',
        remediation: [
          '秘密でない値であれば String パラメータとして保存するか、実行時にスクリプト自身が SecureString を読むようにしてください (`aws ssm get-parameter --with-decryption`。インスタンスプロファイルに ssm:GetParameter とキーへの kms:Decrypt が必要です)。',
          'ドキュメントが対応している箇所 (例: aws:downloadContent の tokenInfo) では、代わりに {{ssm-secure:name}} を使ってください。',
        ],
      },
      unresolvedReference: {
        title: '{{ssm:…}} のパラメータ参照を解決できません',
        summary:
          'SSM Agent が関連付けのパラメータ内の {{ssm:name}} 参照を解決できませんでした ("Input contains invalid parameters")。Parameter Store のパラメータが存在しない、別のリージョンにある、またはインスタンスプロファイルに読み取り権限がありません。',
        remediation: [
          '参照しているパラメータがこのリージョンに存在するか確認してください: `aws ssm get-parameters --names <name>`。',
          'インスタンスプロファイルにそれらへの ssm:GetParameters を付与してください (SSM Agent はノードの認証情報で参照を解決します)。',
        ],
      },
      typeMismatch: {
        title: 'パラメータ参照の型が違います',
        summary:
          '{{ssm:name}} 参照が、ドキュメントが String を期待する箇所で使えない型のパラメータ (例: StringList) を指しています。',
        remediation: [
          '参照先を String パラメータにするか、ドキュメントのパラメータの型を合わせて (StringList に) 変更してください。',
        ],
      },
      validationFailed: {
        title: 'パラメータの値がドキュメントの検証を通りません',
        summary:
          'パラメータの値 ({{ssm:…}} 参照を解決した後の値) が、ドキュメントの allowedValues、allowedPattern、または maxChars を満たしていません。',
        remediation: [
          '値をドキュメントのパラメータの allowedValues/allowedPattern/maxChars と比較し、値 (または参照先の Parameter Store の値) を修正してください。',
        ],
      },
      invalidAssoc: {
        title: 'SSM Agent が関連付けを解析できませんでした',
        summary:
          'SSM Agent は、どのステップも実行する前に関連付けを拒否しました (ErrorCode InvalidAssoc)。ノード上でドキュメントまたはそのパラメータを解析できませんでした。',
        remediation: [
          '上の ExecutionSummary のテキストで解析エラーを確認し、ドキュメントの内容と関連付けのパラメータをそれに照らして検証してください。',
          '完全なエラーは、SSM Agent のログで "Encountered error while parsing association" を探して確認してください。',
        ],
      },
    },
  },
  schedule: {
    docLink: 'リファレンス: Systems Manager の cron 式と rate 式',
    none: '(なし)',
    waiting: {
      unknown: '不明',
      title: (when) => `最初の cron の実行時刻を待っています。次の実行は ${when} です`,
      summary:
        'ApplyOnlyAtCronInterval が true のため、関連付けは作成時には実行されず、次の cron の時刻に初めて実行されます。それまで保留中 (Pending) なのは想定どおりで、失敗ではありません。',
      nextRunLabel: '次の実行 (ScheduleExpression から算出、UTC)',
      nothingToFix: '待つのが意図どおりであれば、修正は不要です。',
      startNow: (command) => `今すぐ実行するには、一度だけ開始してください: \`${command}\``,
    },
    missed: {
      title: (when) => `cron の実行時刻 (${when}) を過ぎましたが、実行がありません`,
      summary:
        '関連付けは cron の間隔を待つ設定で、作成後に少なくとも 1 回は実行時刻を過ぎていますが、実行が 1 件もありません。閉じた変更カレンダー、一致するターゲットがない、または SSM Agent が解析できないスケジュールのいずれかが開始を妨げています。',
      lastExpectedLabel: '直近の実行予定 (算出、UTC)',
      checkTargets: 'ターゲットがマネージドノードに解決されること、変更カレンダーが開いていることを確認してください。',
      startOnce: (command, next) =>
        `一度だけ開始して、何が起きるか確認してください: \`${command}\`${next ? `。開始しない場合、次の実行時刻は ${next} です` : ''}`,
    },
    neverRan: {
      freshTitle: '作成直後です: 初回の実行を開始しています',
      title: '関連付けは一度も実行されていません',
      freshSummary:
        '新しい関連付けは、Systems Manager がターゲットに到達して初めて適用するまで、保留中 (Pending) と表示されます。',
      summary: 'ApplyOnlyAtCronInterval のない関連付けは作成直後に実行されるはずですが、実行が 1 件もありません。',
      checkTargets:
        'ターゲットがこのリージョンのマネージドノードに解決されること、変更カレンダーが開いていることを確認してください。',
      startOnce: (command) => `一度だけ開始してください: \`${command}\``,
    },
    noSchedule: {
      title: 'スケジュールがありません: 関連付けは自動では再試行されません',
      summary:
        'ScheduleExpression のない関連付けは、作成 (または更新) 時に一度だけ実行され、その後は実行されません。再実行するまで現在のステータスのままです。',
      runAgain: (command) => `原因を修正したら、関連付けを再実行してください: \`${command}\``,
      addSchedule:
        'または、スケジュール (例: rate(1 day)) を追加して、ステートマネージャーが状態を繰り返し適用するようにしてください。',
    },
    problem: {
      summary: (expression, problems) =>
        `${expression}: ${problems.join('; ')}。ステートマネージャーはこのようなスケジュールを拒否し、SSM Agent は解析できない場合に Failed / InvalidExpression を報告します。`,
      ruleLabel: '違反しているスケジュールのルール',
      detail: scheduleDetail,
      update: (command) => `スケジュールを更新してください: \`${command}\``,
      kinds: {
        'invalid-expression': {
          title: 'スケジュール式がステートマネージャーで有効ではありません',
          fix: 'cron(…) は 6 つのフィールド (分 時 日 月 曜日 年。先頭に秒 = 0 を付けても可)、または rate(N minutes|hours|days) か at(…) を使ってください。',
        },
        'rate-too-frequent': {
          title: 'rate の間隔が 30 分未満です',
          fix: '30 分以上の rate を使ってください (例: rate(30 minutes))。',
        },
        'rate-too-long': {
          title: 'rate の間隔が 31 日以上です',
          fix: '31 日未満の rate を使うか、月ごとの実行には cron 式を使ってください。',
        },
        'rate-unit-mismatch': {
          title: 'rate の単位の単数形と複数形が数と合っていません',
          fix: '1 には単数形、それ以外には複数形の単位を使ってください: rate(1 hour)、rate(2 hours)。',
        },
        'cron-day-conflict': {
          title: 'cron で日と曜日の両方が指定されています',
          fix: '日と曜日のどちらか一方を ? にしてください (例: cron(0 2 ? * SUN *))。',
        },
        'cron-month-set': {
          title: 'cron で月のフィールドが指定されていますが、関連付けでは使えません',
          fix: '月のフィールドには * を使い、日または曜日で実行日を指定してください。',
        },
        'cron-too-frequent': {
          title: 'cron の実行間隔が 5 分より短くなっています',
          fix: '関連付けの実行間隔は最短 5 分です。分のフィールドの間隔を広げてください (例: 0/30)。',
        },
      },
    },
    calendar: {
      title: '変更カレンダーがこの関連付けを制御しています。カレンダーが閉じている間は実行がスキップされます',
      summary:
        'CalendarNames を持つ関連付けは、すべてのカレンダーが OPEN の間だけ実行されます。カレンダーが閉じているとスケジュール実行は知らせなくスキップされるため、関連付けが Pending のままだったり、古いステータスのままだったりします。',
      checkState: (command) => `カレンダーの状態を確認してください: \`${command}\``,
      closed:
        'カレンダーが CLOSED の場合、次の実行はカレンダーが開いた後の最初のスケジュール時刻です。必要であれば、開いている間に一度だけ開始してください。',
    },
    duration: {
      title: (hours) => `期間 (Duration) ${hours} 時間の打ち切りでターゲットがキャンセルされました`,
      summary:
        '期間 (Duration) を過ぎると、ステートマネージャーは実行中のターゲットをキャンセルし、残りのターゲットを開始しません。それらは Cancelled で終わるか、その時間帯には実行されません。',
      remediation: [
        'すべてのターゲットが収まるよう、期間 (Duration、1～24 時間) を延ばしてください。',
        'または MaxConcurrency を上げて同時に実行するターゲットを増やすか、ドキュメントの処理を速くしてください。',
      ],
    },
  },
  document: {
    deleted: {
      title: (name, shared) => `ドキュメント ${name} が存在しません${shared ? '。または共有が解除されています' : ''}`,
      sharedSummary:
        '関連付けは別のアカウントから共有されたドキュメントを実行しますが、DescribeDocument ではここに存在しないとされています。所有者が削除したか、共有が取り消されました。すべての実行が、どのステップも始まる前に失敗します。',
      summary:
        '関連付けは、もう存在しないドキュメント (削除または名前変更) を実行します。SSM Agent はそれをダウンロードできないため、すべての実行が、どのステップも始まる前に失敗します。',
      sharedRemediation: [
        '所有アカウントに再度共有を依頼してください: `aws ssm modify-document-permission --name <name> --permission-type Share --account-ids-to-add <this account>` (確認は `aws ssm describe-document-permission`)。',
        'または、ドキュメントをこのアカウントにコピーし、関連付けをそのコピーに向けてください (`aws ssm update-association --name <new name>`)。',
      ],
      remediation: [
        '同じ名前でドキュメントを作り直すか、既存のドキュメントに関連付けを向けてください: `aws ssm update-association --association-id <id> --name <document>`。',
        '関連付けが不要であれば、失敗し続けないよう削除してください。',
      ],
    },
    versionMissing: {
      pinned: '(固定)',
      title: (version, name) => `${name} のドキュメントのバージョン ${version} が存在しません`,
      summary:
        '関連付けは削除されたドキュメントのバージョンに固定されています。SSM Agent はそれをダウンロードできないため、すべての実行が、どのステップも始まる前に失敗します。',
      listVersions: (command) => `存在するバージョンを一覧してください: \`${command}\``,
      pointAtVersion:
        '関連付けを既存のバージョン、またはドキュメントに追従する $DEFAULT に向けてください: `aws ssm update-association --association-id <id> --document-version \\$DEFAULT`。',
    },
    notActive: {
      title: (name, status) => `ドキュメント ${name} のステータスは ${status} です`,
      transientSummary: (status) =>
        `ドキュメントはまだ ${status} です。今開始する実行は、使用できるバージョンを見つけられない可能性があります。`,
      summary: (status, information) =>
        `ドキュメントのステータスが ${status} のため、関連付けはこれを実行できません。${information ? `AWS のメッセージ: ${information}` : ''}`,
      transientRemediation: ['DescribeDocument.Status が Active になるまで待ってから、関連付けを再実行してください。'],
      remediation: [
        '上の StatusInformation を確認してください。Failed の場合は、ドキュメントの内容、または添付ファイルや要件を修正し、新しいバージョンを作成してください。',
        'Deleting の場合は、関連付けを別のドキュメントに向けるか、関連付けを削除してください。',
      ],
    },
    typeUnsupported: {
      title: (type) => `ドキュメントタイプ ${type} は関連付けでは使用できません`,
      summary: (name, type) =>
        `ステートマネージャーが実行できるのは Command、Policy、Automation のドキュメントだけですが、${name} は ${type} ドキュメントです (例: "Document type Package is not supported for associations")。`,
      package:
        'Distributor のパッケージをスケジュールでインストールするには、パッケージ自体ではなく、Name=<package> を指定した AWS-ConfigureAWSPackage を関連付けてください。',
      other: '同じ処理を行う Command ドキュメントまたはオートメーションのドキュメントを関連付けてください。',
    },
    schemaUnsupported: {
      legacyTitle: 'InstanceId で作成した関連付けにオートメーションのランブックが指定されています',
      title: (schema, type) => `スキーマ ${schema} は ${type} ドキュメントには使用できません`,
      legacySummary:
        'スキーマ 0.3 (オートメーション) のドキュメントは、インスタンス ID で作成した関連付けでは使用できません。Targets と AutomationTargetParameterName が必要です。',
      summary:
        '関連付けで使えるのは、スキーマ 1.2、2.0、2.2 の Command ドキュメント、2.0 以降の Policy ドキュメント、0.3 のオートメーションのランブックです。',
      legacyFix:
        'Targets (例: Key=ParameterValues または tag:…) と AutomationTargetParameterName=InstanceId を指定して関連付けを作り直してください。',
      fix: 'サポートされている schemaVersion (Command ドキュメントなら 2.2) で新しいドキュメントのバージョンを作成し、関連付けをそれに向けてください。',
    },
    platformMismatch: {
      none: '(なし)',
      platformValue: (platform, count, ids) => `${platform} (サンプルした ${count} 台のノード: ${ids})`,
      title: (name, platforms) =>
        `ドキュメント ${name} は${platforms ? ` ${platforms} の` : 'ターゲットの'}プラットフォームに対応していません`,
      summary: (supported) =>
        `関連付けは、ドキュメントが対応していないプラットフォームのノードを対象にしています${supported !== undefined ? ` (ドキュメントの対応プラットフォーム: ${supported || 'なし'})` : ''}。Run Command はそれらについて InvalidPlatform を報告します。これらのターゲットは MaxErrors に数えられませんが、すべてのターゲットが InvalidPlatform の場合、実行は Failed になります。`,
      remediation: [
        '関連付けのターゲットを対応プラットフォームのノードに絞り込んでください (例: OS を示すタグを追加する、プラットフォームごとのリソースグループを使う)。',
        'または、両方のプラットフォームに対応するドキュメントを使ってください: プラットフォームごとに前提条件を持つスキーマ 2.2 のドキュメント (`"precondition": {"StringEquals": ["platformType", "Windows"]}`) か、Linux と Windows で別々の関連付けです。',
      ],
    },
    pluginUnsupported: {
      title: 'ドキュメントのステップがノードのプラットフォームで対応していません',
      summary:
        'SSM Agent は、この OS にプラグインが存在しないステップを拒否しました (例: Linux での aws:runPowerShellScript)。スキーマ 1.2/2.0 のドキュメントはこれで失敗し、スキーマ 2.2 のドキュメントならスキップされます。',
      remediation: [
        'ステップの対象プラットフォームのノードだけをターゲットにするか、ステップごとに platformType の前提条件を持つスキーマ 2.2 にドキュメントを変換してください。',
      ],
    },
    allSkipped: {
      value: (nodes) => `サンプルした ${nodes} 台のノードですべてのステップがスキップ`,
      title: (nodes) =>
        `${nodes} 台のノードですべてのステップがスキップされました: 「成功」ですが何も実行されていません`,
      summary:
        'SSM Agent はスキップしたステップを成功として数えるため、どのステップも実行されていないのに関連付けは Success と表示されます。各ステップの前提条件 (多くは platformType) またはプラグインがノードに一致しませんでした。',
      remediation: [
        'ドキュメントの各ステップの前提条件を、上に示したノードのプラットフォームと比較し、前提条件を修正するか正しいノードをターゲットにしてください。',
        '実行の出力で "Step execution skipped due to …" の行を確認し、各ステップがスキップされた理由を調べてください。',
      ],
    },
    stepSkipped: {
      title: 'ノード上でドキュメントのステップがスキップされました',
      summary:
        'プラグインがノードのプラットフォームで対応していないか、前提条件が一致しなかったため、SSM Agent がステップをスキップしました。スキップしたステップは成功として数えられるため、それらのステップの処理は行われていません。',
      remediation: [
        'スキップされたステップが別のプラットフォーム向けであることを確認してください。このプラットフォーム向けであれば、前提条件 (platformType) またはプラグイン名を修正してください。',
        'SSM Agent が古い場合、"unsupported plugin" はプラグインが SSM Agent より新しいことを意味する場合もあります。SSM Agent を更新してください。',
      ],
    },
    sharedDefault: {
      pinnedTitle: (pinned, defaultVersion) =>
        `共有ドキュメント: バージョン ${pinned} に固定されていますが、デフォルトのバージョン ${defaultVersion} が実行されます`,
      title: '共有ドキュメント: ステートマネージャーはデフォルトのバージョンを実行します',
      summary:
        '別のアカウントから共有されたドキュメントでは、関連付けが別のバージョンを指定し、コンソールがそのバージョンを処理済みと表示していても、ステートマネージャーは常にデフォルトのバージョンを実行します。',
      fix: '所有アカウントに必要なバージョンをデフォルトに設定してもらう (`aws ssm update-document-default-version`) か、ドキュメントをこのアカウントにコピーしてそこでバージョンを固定してください。',
    },
  },
  automation: {
    notSet: '(未設定)',
    roleTrust:
      'ロールは ssm.amazonaws.com を信頼している必要があります (信頼ポリシー `"Principal": {"Service": "ssm.amazonaws.com"}`。aws:SourceAccount / aws:SourceArn の条件を使う場合はこのアカウントに一致させてください)。',
    targetLocations:
      'TargetLocations を使う場合、ロールはすべてのターゲットのアカウントとリージョンに存在する必要があります。',
    messages: {
      notAssumable: {
        title: 'AutomationAssumeRole を引き受けられません',
        summary:
          'オートメーションが AutomationAssumeRole で指定されたロールを引き受けられませんでした。ロールが存在しないか、信頼ポリシーで ssm.amazonaws.com が許可されていません。',
        remediation: [
          'ロールが存在するか確認してください: `aws iam get-role --role-name <AutomationAssumeRole のロール名>`。',
          'ロールは ssm.amazonaws.com を信頼している必要があります (信頼ポリシー `"Principal": {"Service": "ssm.amazonaws.com"}`。aws:SourceAccount / aws:SourceArn の条件を使う場合はこのアカウントに一致させてください)。',
        ],
      },
      passRoleDenied: {
        title: 'AutomationAssumeRole を渡す権限がありません (iam:PassRole)',
        summary:
          '関連付けのオートメーションを開始する ID に、AutomationAssumeRole に対する iam:PassRole が許可されていません。',
        remediation: [
          'メッセージに示された ID (関連付けの AssociationDispatchAssumeRole、または関連付けを作成・更新したユーザー) に、ロール ARN に対する iam:PassRole を許可してください (条件 iam:PassedToService = ssm.amazonaws.com)。',
          'その後、関連付けを更新するか関連付けを再実行して、オートメーションを再び開始させてください。',
        ],
      },
      startDenied: {
        title: 'オートメーションを開始する権限がありません (ssm:StartAutomationExecution)',
        summary:
          '関連付けのオートメーションを開始する ID が、ランブックに対する ssm:StartAutomationExecution を拒否されています。',
        remediation: [
          'メッセージに示された ID に、ランブックの ARN (arn:aws:ssm:<region>:<account>:automation-definition/<runbook>:$DEFAULT) に対する ssm:StartAutomationExecution を許可してください。',
          'それを拒否している SCP やアクセス許可の境界がないか確認してください。',
        ],
      },
    },
    roleMissing: {
      title: 'オートメーションの関連付けに AutomationAssumeRole がありません',
      summary:
        'ランブックは独自のロールなしで実行されます。AutomationAssumeRole パラメータも AssociationDispatchAssumeRole もありません。その場合、ステップはステートマネージャーのサービスリンクロールで実行されますが、このロールにはランブックのステップに必要な権限のほとんどがありません (また、このサポートは段階的に廃止されています)。',
      defined: '定義あり',
      createRole:
        'ランブックのステップに必要な権限を持つオートメーションのサービスロールを作成してください (例: AmazonSSMAutomationRole 管理ポリシーと各ステップのアクション)。',
      pass: (command) =>
        `それを関連付けに渡してください: \`${command}\`。呼び出し元にはそのロールへの iam:PassRole が必要です。`,
    },
    invalidArn: {
      title: 'AutomationAssumeRole が有効なロール ARN ではありません',
      malformed: (value) =>
        `AutomationAssumeRole は "${value}" です。完全な IAM ロール ARN (arn:aws:iam::<account>:role/<name>) でなければ、オートメーションに拒否されます。`,
      rejected:
        'オートメーションが AutomationAssumeRole を不正な形式として拒否しました。完全な IAM ロール ARN (arn:aws:iam::<account>:role/<name>) である必要があります。',
      fix: (command) => `完全なロール ARN を設定してください: \`${command}\` (他のパラメータもすべて渡してください)。`,
    },
    targetParameter: {
      title: 'オートメーションの関連付けが AutomationTargetParameterName なしでターゲットを使っています',
      summary:
        'レート制御付きのターゲットに対してオートメーションのランブックを実行する関連付けでは、各ターゲットを渡すランブックのパラメータ (AutomationTargetParameterName、例: InstanceId) を指定する必要があります。指定がないと、ターゲットはランブックに渡されません (例: `Parameter "InstanceIds" requires a value`)。',
      fix: (command) => `設定してください: \`${command}\` (ランブック自身のターゲットパラメータ名を使います)。`,
    },
    limit: {
      value: (limit, executions, newest) => `${limit} (直近 ${executions} 件の実行、最新は ${newest})`,
      title: 'オートメーションの同時実行数の上限に達しました',
      summary:
        'アカウントではすでにリージョンの上限までオートメーションが実行中 (またはキュー待ち) のため、この関連付けのオートメーションは開始されませんでした (アカウントとリージョンごとに実行中約 100、キュー 1,000。以前のクォータは 25/75)。',
      list: (command) =>
        `実行中または待機中のものを一覧してください: \`${command}\`。止まっているものは停止してください (\`aws ssm stop-automation-execution\`)。`,
      remediation: [
        'この関連付けの実行頻度を下げるか MaxConcurrency を下げ、他のオートメーションのスケジュールも分散してください。',
        '負荷が正当なものであれば、Service Quotas でクォータの引き上げを申請してください (Systems Manager → 同時に実行されるオートメーション)。',
      ],
    },
    stepFix: {
      permission:
        'メッセージに示されたアクションを AutomationAssumeRole (またはランブックを実行する ID) に許可してください。',
      throttling:
        'ステップが AWS API にスロットリングされました。関連付けの MaxConcurrency を下げるか、スケジュールを分散してください。',
      verification:
        'ステップは実行されましたが、リソースが期待した状態になりませんでした。ステップの入力で指定されたリソース (例: インスタンス) を確認してください。',
      internal:
        'オートメーションの内部エラーです。関連付けを再実行し、続く場合は実行 ID を添えて AWS サポートにケースを作成してください。',
      other:
        '失敗したステップが扱った入力またはリソースを修正してから (メッセージを参照)、関連付けを再実行してください。',
    },
    step: {
      timedOutTitle: (step) => `オートメーションのステップ ${step} がタイムアウトしました`,
      failedTitle: (step, failureType, quoted) =>
        `オートメーションのステップ ${step} が失敗しました${failureType ? ` (${failureType})` : ''}${quoted ? `: ${quoted}` : ''}`,
      timedOutSummary: (step, action, runbook) =>
        `${runbook ?? 'ランブック'} のステップ ${step}${action ? ` (${action})` : ''} が timeoutSeconds を超えたため、オートメーションが失敗しました。`,
      failedSummary: (step, action, runbook, stage, targets) =>
        `${runbook ?? 'ランブック'} のステップ ${step}${action ? ` (${action})` : ''} が${stage ? ` ${stage} の段階で` : ''}失敗しました。${targets} 件のターゲットが同じ失敗をしています。`,
      timedOutRemediation: [
        'ステップが何を待っていたかを特定してください (例: 期待した状態にならなかったインスタンス、マネージドノードでないノードへの aws:runCommand。これは Pending のままになります)。',
        '処理に正当に時間がかかる場合は、ランブックのそのステップの timeoutSeconds を延ばしてください。',
      ],
      executionTimedOutTitle: 'オートメーションがタイムアウトしました',
      executionTitle: (status, quoted) =>
        `オートメーションが ${status ?? '失敗'} になりました${quoted ? `: ${quoted}` : ''}`,
      executionSummary: (runbook, status, hasMessage) =>
        `${runbook ?? 'ランブック'} のオートメーションの実行は ${status} で終了しました${hasMessage ? '' : ' (失敗メッセージなし)'}。`,
      openExecution:
        '実行を開き (リンク)、ステップの一覧を確認してください。最初の Success 以外のステップが停止した箇所です。',
      listSteps: (command) => `ステップを一覧してください: \`${command}\``,
    },
    crossAccount: {
      title: '複数アカウント/リージョンの関連付け: 各ターゲットアカウントに実行ロールが必要です',
      summary: (locations) =>
        `この関連付けは ${locations} か所のターゲットロケーションで実行されます。別の ExecutionRoleName を設定していない限り、すべてのターゲットアカウントに、管理者アカウントの AWS-SystemsManager-AutomationAdministrationRole から信頼された AWS-SystemsManager-AutomationExecutionRole ロールが必要です。`,
      remediation: [
        'すべてのターゲットアカウントに AWS-SystemsManager-AutomationExecutionRole をデプロイしてください (AWS が CloudFormation テンプレート / StackSet を提供しています)。',
        'アカウントとリージョンごとの失敗は、オートメーションの実行の子実行で確認してください。',
      ],
    },
  },
  fleet: {
    notInvestigated: (status, detailed) =>
      detailed ? `${status} (DetailedStatus ${detailed})、未調査` : `${status}、未調査`,
  },
  kit: {
    noTargets: '(ターゲットなし)',
    groupValue: (status, count, executionId) => `${status} (${count} 件のターゲット、実行 ${executionId})`,
    statusWithTargets: (status, count) => `${status} (${count} 件のターゲット)`,
  },
  links: {
    associationHistory: '関連付けの実行履歴',
    association: '関連付け',
    node: (instanceId) => `マネージドノード ${instanceId}`,
    ec2Instance: (instanceId) => `EC2 インスタンス ${instanceId}`,
    commandOutput: (instanceId) => `${instanceId} の Run Command の出力`,
    automationExecution: (executionId) => `オートメーションの実行 ${executionId}`,
    document: (name) => `ドキュメント ${name}`,
    defaultHostManagement: 'デフォルトのホスト管理設定',
  },
  causeFamilies: {
    network: {
      label: 'ネットワーク',
      meaning: 'ノードが必要なホストに到達できませんでした (名前解決、接続の拒否やタイムアウト、TLS の信頼)。',
      fixes: [
        'ノードから、引用した行のホストを名前解決して接続してみてください (`getent hosts <host>`、`curl -v https://<host>` / `Test-NetConnection <host> -Port <port>`)。',
        '経路を確認してください: セキュリティグループのアウトバウンド、ネットワーク ACL、ルートテーブル (NAT ゲートウェイまたは VPC エンドポイント)、DNS リゾルバー、スクリプトに必要なプロキシ設定。',
        'サービスが接続を拒否した場合は、そのサービスが起動していて、そのアドレスとポートで待ち受けているか確認してください。',
      ],
    },
    'package-repository': {
      label: 'パッケージリポジトリに到達できません',
      meaning:
        'パッケージマネージャーが設定済みのリポジトリを使えませんでした。ミラーやメタデータをダウンロードできなかったか、署名鍵がありません。',
      fixes: [
        'ノードで `sudo yum repolist -v` / `sudo dnf makecache` / `sudo apt-get update` を実行し、どのリポジトリが失敗するか確認してください。',
        'リポジトリへの経路 (NAT/プロキシ、Amazon Linux のリポジトリ用の S3 ゲートウェイエンドポイント) を復旧するか、壊れたリポジトリ定義とその GPG 鍵を修正または無効にしてください。',
      ],
    },
    'package-manager': {
      label: 'パッケージマネージャー',
      meaning:
        'パッケージマネージャーが操作を拒否しました。利用できないパッケージ、保持されたロック、満たされない依存関係、または中断された以前の実行が原因です。',
      fixes: [
        'パッケージ名とバージョンを、ノードのリポジトリと照らし合わせて確認してください (`yum list <pkg>`、`apt-cache policy <pkg>`)。',
        'ロックが保持されている場合は保持しているプロセスを特定し (`sudo lsof /var/lib/dpkg/lock-frontend`、`ps -C yum,dnf`)、関連付けの実行時刻をずらしてください。中断された実行の後は `sudo dpkg --configure -a` を実行してください。',
      ],
    },
    permission: {
      label: 'アクセス拒否',
      meaning:
        'スクリプトのアクセスが拒否されました。OS (ファイルやサービスの権限、昇格) によるものか、AWS (インスタンスプロファイルやロールにアクションの権限がない) によるものです。',
      fixes: [
        'AWS API の場合: 引用した行のアクションをインスタンスプロファイル (またはスクリプトが使うロール) に追加し、SCP、バケットポリシー、キーポリシーも確認してください。',
        'ファイルやサービスの場合: スクリプトは root / SYSTEM として実行されます。所有者、読み取り専用や noexec のマウント、SELinux/AppArmor、そのパスの Windows ACL を確認してください。',
      ],
    },
    credentials: {
      label: '認証情報',
      meaning:
        '呼び出したサービスに対して、スクリプトに有効な認証情報がありませんでした (未設定、期限切れ、または誤り)。',
      fixes: [
        'AWS の呼び出しの場合: ノードにインスタンスプロファイル (またはデフォルトのホスト管理設定のロール) があり、スクリプトが古いキーやプロファイルでそれを上書きしていないか確認してください。',
        'データベースやレジストリの場合: スクリプトが読むシークレット (Parameter Store / Secrets Manager) と、そのローテーションがすべての箇所に反映されているか確認してください。',
      ],
    },
    'disk-space': {
      label: 'ディスクの空き容量不足',
      meaning: 'ノードのファイルシステムがいっぱいです。',
      fixes: [
        'いっぱいのファイルシステムと、容量を占めているものを特定してください: `df -h` と `sudo du -xh / | sort -h | tail` (Windows: `Get-PSDrive`)。',
        '容量を空けるか拡張してから (ログのローテーション、パッケージのキャッシュ、古いリリース、より大きな EBS ボリューム)、再実行してください。',
      ],
    },
    memory: {
      label: 'メモリ不足',
      meaning: 'スクリプトまたはスクリプトが起動したプロセスがメモリ不足になりました。',
      fixes: [
        '`dmesg`/`journalctl -k` で OOM killer の記録を確認し、ジョブに必要なメモリとインスタンスのメモリを比較してください。',
        'ジョブに割り当てるメモリを増やす (インスタンスサイズ、JVM の -Xmx) か、すべてを読み込まずにストリーム処理するようにしてください。',
      ],
    },
    'missing-dependency': {
      label: '依存関係の不足',
      meaning: 'スクリプトに必要なもの (コマンド、モジュール、ファイル、サービス、リソース) がノードにありません。',
      fixes: [
        '引用した行が示すものをインストールまたは作成し (あるいはそのパスや名前を修正し)、イメージかドキュメントの前のステップで固定してください。',
        'スクリプトが想定する PATH と作業ディレクトリで実行されているか確認してください (SSM Agent はスクリプトを root / SYSTEM としてオーケストレーションフォルダから実行します)。',
      ],
    },
    configuration: {
      label: '設定の誤り',
      meaning: '実行が依存する設定 (設定ファイル、パラメータ、テンプレート変数) が無効か、存在しません。',
      fixes: [
        '引用した行が示す設定を修正し、再実行する前に検証してください。',
        'Parameter Store や関連付けのパラメータから来る値の場合は、名前と、ノードが実際に読み取る値を確認してください。',
      ],
    },
    service: {
      label: 'サービスの失敗',
      meaning: 'スクリプトが起動する、または依存するサービスが起動しなかったか、実行されていません。',
      fixes: [
        'サービス自身のログを確認してください: `systemctl status <unit>` と `journalctl -u <unit>` (Windows: システムイベントログ)。',
        '使用中のポート、誤った設定、サービスに必要な依存関係がないか確認してください。',
      ],
    },
    timeout: {
      label: 'タイムアウト',
      meaning: 'ステップがタイムアウトを超えて待機しました。',
      fixes: [
        '引用した行から、何を待っていたか (リソースの状態、ロック、プロンプト) を特定し、それを解消してください。',
        '処理に正当に時間がかかる場合は、そのステップのタイムアウトを延ばしてください。',
      ],
    },
    'script-error': {
      label: 'スクリプトのエラー',
      meaning: 'スクリプト自体が、引用した行で失敗しました。',
      fixes: [
        '失敗しているコマンド、またはそれが依存するノードの状態を修正してください。同じパラメータで、ノード上で root (Linux) または Administrator (Windows) として再現してください。',
      ],
    },
  },
};

function moreText(more: number): string {
  return more > 0 ? ` (他 ${more} 件の検出結果)` : '';
}

/** A sentence of its own, after another one. */
function unseenText(unseen: number): string {
  return unseen > 0 ? `確認できなかった項目が ${unseen} 件あります。` : '';
}

/** A note at the end of a headline. */
function unseenShort(unseen: number): string {
  return unseen > 0 ? ` (未確認の項目 ${unseen} 件)` : '';
}

function limitReason(because: RunLimitReason): string {
  switch (because.kind) {
    case 'rate':
      return `スケジュール ${because.expression} `;
    case 'cron':
      return `スケジュール ${because.expression} (次の実行予定まで) `;
    case 'duration':
      return `期間 (Duration) ${because.hours} 時間`;
    default:
      return '1 回の実行の通常の上限';
  }
}

function scheduleDetail(d: ScheduleDetail): string {
  switch (d.kind) {
    case 'unknown-rate-unit':
      return `rate の単位 "${d.unit}" は不明です`;
    case 'not-an-expression':
      return 'cron(…)、rate(…)、at(…) のいずれの式でもありません';
    case 'cron-field-count':
      return `cron 式のフィールドは 5～7 個ですが、この式は ${d.count} 個です`;
    case 'rate-zero':
      return 'rate が 0 では実行されません';
    case 'rate-unit':
      return `rate(${d.value} ${d.unit}) は rate(${d.value} ${d.right}) と書く必要があります`;
    case 'rate-too-frequent':
      return `${d.minutes} 分ごとです。関連付けには 30 分以上の間隔が必要です`;
    case 'rate-too-long':
      return `${d.days} 日ごとです。関連付けの間隔は 31 日未満にする必要があります`;
    case 'cron-seconds':
      return `秒のフィールドは 0 だけが使えます ("${d.seconds}" は使えません)`;
    case 'cron-month':
      return `月のフィールドが "${d.month}" です。関連付けは月の指定に対応していません`;
    case 'cron-days':
      return `日 "${d.dayOfMonth}" と曜日 "${d.dayOfWeek}" の両方が指定されています。どちらか一方を ? にしてください`;
    case 'cron-unparsable':
      return 'cron のフィールドを解析できませんでした';
    case 'cron-too-frequent':
      return `${d.minutes} 分ごとに実行されます。関連付けの実行間隔は最短 5 分です`;
  }
}
