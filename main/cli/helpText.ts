import type { Lang } from '../errors.js';

const HELP: Record<Lang, string> = {
  ja: `使い方: genba [共通オプション] <コマンド> [オプション]

コマンド:
  status              データフォルダ・データソース・各テーブルの件数・最終同期・モデルを表示
  overview            要対応（遅れ・停滞・注意の工程を急ぐ順に）と拠点ごとの状況
  compact             保持期間を過ぎたログ・集計・進捗を削除（アプリは同期のたびに自動で実行）
  demo [--reset]      デモ会社のデータを作成（--reset で作り直し）
  sync [--source URL] [--logs-source URL] [--once]
                      会社の MySQL から同期（URL 例: mysql://genba@db:3306/company）。
                      指定したデータソースは記憶され、次回は --source 不要。
                      パスワードは環境変数 GENBA_MYSQL_PASSWORD か入力プロンプトで。
                      --logs-source clickhouse://genba@logs:8123/logs?table=app_logs で
                      ログは会社の ClickHouse から分単位の集計で取得（GENBA_CLICKHOUSE_PASSWORD）。
                      --once がなければ設定の間隔で同期を続けます（Ctrl-C で終了）
  models list         モデルの状態と一覧（manifest）
  models pull [名前]  モデルをダウンロード（インターネットがある場合。再開可能）
  models import <パス> USB メモリや共有フォルダからモデルを取り込み（sha256 を確認）
  models verify       モデルファイルを検証
  logs parse <ファイル> --out <csv>   各行を1メッセージとしてテンプレートを抽出（LineId,ClusterId,EventTemplate）
  logs ingest <ファイル…>  ログファイルを取り込む
  logs templates | clusters | anomalies   テンプレート・クラスタ・異常の一覧
      templates と search は --service --host --level --from --to で絞り込み（その条件の行を持つテンプレート）
  logs search "<文>" [--k 20]   意味で検索
  logs incidents [--site 拠点] [--from 日時 --to 日時]   ログの障害（まとめた異常）と、落ちた処理速度との関係（期間を指定すると、その期間に重なる障害）
  logs timeline --site 拠点 [--from 日時 --to 日時]   拠点の処理速度・障害・ログを同じ時間軸で
  alerts check        いまの状態でアラートを評価（--now で時刻を固定）
  alerts list         アラートの一覧（未解決が先）
  ask "<質問>"        アシスタントに質問（例: "札幌のエントリ1工程が遅延しています"）。提案・根拠・各段階の時間
                      --conversation new で会話を始め、--conversation <ID> で続ける（「盛岡は？」のような続きの質問）
  forecast [--days N] [--site 拠点]   次の1〜10営業日の物量予測（系列ごと、件／日、中央値と P10〜P90）
  forecast eval       予測の精度をこのデータの実績で検証（直近60営業日を起点: WAPE・前週同曜比・MASE・P10–P90）
  plan [--date YYYY-MM-DD]   翌営業日（または指定日）の配置計画: 誰がどの拠点・工程を午前／午後に、予測に対する人数・完了見込み・残業・不足
  eval ask <ファイル.jsonl>   質問のクエリとしての読み取り精度（完全一致・項目別・言い方別・操作を外したとき）と、期待する数値のある行は回答の数値（アプリと同じ経路で回答）
  eval forecast <ファイル.csv>   日次の業務量予測の精度（date,value[,series] の実績で直近60営業日を起点に検証: WAPE・前週同曜比・MASE・P10–P90）
  approve <提案ID> [--reason …]   提案を承認（会社の approval_history へ送信）
  reject <提案ID> --reason …      提案を却下
  modify <提案ID> --keep ID,ID --reason …   一部のオペレータだけ移動して承認
  approvals [--out <csv>]         承認履歴と会社 DB への送信状況（--out で CSV に保存）
  backup <ファイル>   データベースをオンラインでバックアップ（検証つき）
  restore <ファイル>  バックアップから復元（元のファイルは残し、検索インデックスは再構築。後の判断はそのまま移す）
  confirm <ID>        復元で保留になった判断（このデータフォルダ以外で行われたもの）を確かめて送る
  doctor [--fix]      データフォルダ・DB の整合性・インデックス・モデル・GPU・MySQL を診断（--fix で修復）
  knowledge list | add <ファイル> [--title …] | remove <ID> | search "<文>" [--k 5]
                      管理者ノウハウ（Markdown / テキスト）の管理と検索
  words [list] | forget <言葉>
                      チャットで教えた言葉（「物量は到着件数のこと」）の一覧と削除
  help                この説明を表示

共通オプション:
  --data-dir DIR      データフォルダ（既定: アプリと同じ場所。GENBA_DATA_DIR でも指定可）
  --now ISO-8601      時刻を固定（例: 2025-10-23T15:40+09:00）
  --lang ja|en        表示言語
  --json              機械可読な JSON で出力
  --intent-model FILE / --answer-model FILE / --embedding-model DIR
                      この実行だけ使うモデル

終了コード: 0 成功 / 1 失敗 / 2 使い方の誤り
`,
  en: `Usage: genba [global options] <command> [options]

Commands:
  status              Data folder, source, row counts per table, last sync, models found
  overview            What needs action (late, stalled, at-risk processes, most urgent first) and each site
  compact             Remove logs, counts and snapshots past retention (the app does it after every sync)
  demo [--reset]      Build the demo company's data (--reset rebuilds it)
  sync [--source URL] [--logs-source URL] [--once]
                      Sync from the company MySQL (URL: mysql://genba@db:3306/company).
                      The source is remembered; later runs need no --source.
                      Password from GENBA_MYSQL_PASSWORD or a prompt.
                      --logs-source clickhouse://genba@logs:8123/logs?table=app_logs takes
                      the logs from the company ClickHouse, aggregated per minute there
                      (password from GENBA_CLICKHOUSE_PASSWORD).
                      Without --once, keeps syncing on the schedule (Ctrl-C stops)
  models list         Model status and the catalog (manifest)
  models pull [name]  Download models (where there is internet; resumable)
  models import <path> Copy a model from a USB stick or share (checks sha256)
  models verify       Verify the model files
  logs parse <file> --out <csv>   Mine templates, one message per line (LineId,ClusterId,EventTemplate)
  logs ingest <file…> Add log files to the local store
  logs templates | clusters | anomalies   List templates, clusters, anomalies
      templates and search take --service --host --level --from --to (templates with a matching line)
  logs search "<text>" [--k 20]   Semantic search
  logs incidents [--site S] [--from T --to T]   Log incidents (anomalies grouped) and the drops in speed they likely caused (with a period: those whose burst overlaps it)
  logs timeline --site S [--from T --to T]   A site's speed, incidents and logs on one time axis
  alerts check        Evaluate the alert rules now (--now fixes the time)
  alerts list         List alerts (open first)
  ask "<question>"    Ask the assistant (e.g. "札幌のエントリ1工程が遅延しています"): proposal, citations, stage timings
                      --conversation new starts a conversation, --conversation <ID> continues one (follow-ups such as "Morioka?")
  forecast [--days N] [--site SITE]   Workload forecast for the next 1–10 working days (per series, items per day, median and P10–P90)
  forecast eval       How well the forecast does on this store's own history (last 60 working days as origins: WAPE, vs same weekday last week, MASE, P10–P90)
  plan [--date YYYY-MM-DD]   Staffing plan for the next working day (or the date): who works which site and process, morning and afternoon, against the forecast; finish, overtime, shortfalls
  eval ask <file.jsonl>   How well requests are read as queries (exact, per field, per pattern, leave one operation out) and, for lines with expected figures, answered (the app's own path)
  eval forecast <file.csv>   How well daily workload is forecast (date,value[,series] history, last 60 working days as origins: WAPE, vs same weekday last week, MASE, P10–P90)
  approve <id> [--reason …]       Approve a proposal (delivered to the company's approval_history)
  reject <id> --reason …          Reject a proposal
  modify <id> --keep ID,ID --reason …   Approve moving only some of the operators
  approvals [--out <csv>]         Decisions and their delivery (--out saves CSV)
  backup <file>       Online backup of the database (checked)
  restore <file>      Restore a backup (the old file is kept; search indexes rebuilt; later decisions carried over whole)
  confirm <id>        Send a decision a restore held (made outside this data folder), after checking it
  doctor [--fix]      Check the data folder, database, indexes, models, GPU and MySQL (--fix repairs)
  knowledge list | add <file> [--title …] | remove <id> | search "<text>" [--k 5]
                      Manage and search the managers' know-how (Markdown / text)
  words [list] | forget <word>
                      The words taught in the chat ("inbound means arrivals"): list, forget one
  help                Show this help

Global options:
  --data-dir DIR      Data folder (default: the app's own; or GENBA_DATA_DIR)
  --now ISO-8601      Fix the clock (e.g. 2025-10-23T15:40+09:00)
  --lang ja|en        Output language
  --json              Machine-readable JSON output
  --intent-model FILE / --answer-model FILE / --embedding-model DIR
                      Models for this run only

Exit codes: 0 success, 1 failure, 2 usage error
`,
};

export function helpText(lang: Lang): string {
  return HELP[lang];
}

/** The question of the demo's reference situation (札幌 エントリ1, 4 minutes late for 16:00). */
export const REFERENCE_QUESTION = '札幌のエントリ1を16時に間に合わせるには、誰を移せばいい？';

const FIRST_STEPS: Record<Lang, string> = {
  ja: `Genba（現場）— オフラインの現場 AI デスク

まず試す 3 つ（会社の DB がなければデモ会社で動きます）:
  genba overview                 要対応と拠点ごとの状況
  genba ask "${REFERENCE_QUESTION}"
                                 応援の配置案（承認・却下は genba approve / reject）
  genba logs anomalies           ログの異常（急増・新しいメッセージ）

すべてのコマンド: genba help
`,
  en: `Genba — the offline AI desk for site managers

Three commands to try first (the demo company stands in for a company database):
  genba overview                 what needs action, and each site
  genba ask "${REFERENCE_QUESTION}"
                                 a staff move for 札幌's 16:00 deadline, to approve or reject
  genba logs anomalies           what is unusual in the logs (spikes, new messages)

All commands: genba help
`,
};

/** `genba` with no arguments: where a new user starts. */
export function firstStepsText(lang: Lang): string {
  return FIRST_STEPS[lang];
}
