using Rota.Runs;

namespace Rota.Storage;

/// <summary>
/// The storage seam: every database operation the engine performs, named NounVerb, each taking one params record.
/// Internal-facing and not semver-stable. Implementations: Rota.Storage.Sqlite, Rota.Storage.Postgres.
/// Every time-dependent call carries <c>Now</c> from the engine's TimeProvider.
/// </summary>
public interface IRotaStore : IAsyncDisposable
{
    /// <summary>Short dialect name: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Dialect { get; }

    /// <summary>The stored alert configuration; null when none was ever stored.</summary>
    Task<AlertConfigRow?> AlertConfigGet(CancellationToken ct = default);
    Task AlertConfigSet(AlertConfigSetParams p, CancellationToken ct = default);
    /// <summary>Records a delivery (status pending); returns its id.</summary>
    Task<long> AlertDeliveryInsert(AlertDeliveryInsertParams p, CancellationToken ct = default);
    Task<IReadOnlyList<AlertDeliveryRow>> AlertDeliveryList(AlertDeliveryListParams p, CancellationToken ct = default);
    Task<bool> AlertDeliveryUpdate(AlertDeliveryUpdateParams p, CancellationToken ct = default);
    /// <summary>Marks the state firing atomically; true when a message is due (see <see cref="AlertStateFireParams"/>).</summary>
    Task<bool> AlertStateFire(AlertStateFireParams p, CancellationToken ct = default);
    Task<IReadOnlyList<AlertStateRow>> AlertStateList(AlertStateListParams p, CancellationToken ct = default);
    /// <summary>Records a healthy subject's last sign of life (see <see cref="AlertStateSeenParams"/>).</summary>
    Task AlertStateSeen(AlertStateSeenParams p, CancellationToken ct = default);
    /// <summary>Marks a firing state resolved; true when it was firing (a resolved message is due).</summary>
    Task<bool> AlertStateResolve(AlertStateResolveParams p, CancellationToken ct = default);

    Task AuditAppend(AuditAppendParams p, CancellationToken ct = default);
    Task<IReadOnlyList<AuditRow>> AuditList(AuditListParams p, CancellationToken ct = default);

    /// <summary>Opens a crawl log row with status <c>started</c>; returns its id.</summary>
    Task<long> CrawlLogStart(CrawlLogStartParams p, CancellationToken ct = default);
    Task<bool> CrawlLogFinish(CrawlLogFinishParams p, CancellationToken ct = default);
    Task<IReadOnlyList<CrawlLogRow>> CrawlLogList(CrawlLogListParams p, CancellationToken ct = default);
    /// <summary>Deletes crawl logs started before <c>OlderThan</c>; returns how many.</summary>
    Task<int> CrawlLogPrune(CrawlLogPruneParams p, CancellationToken ct = default);
    /// <summary>Counts over finished crawl logs (started ones are not counted).</summary>
    Task<CrawlLogStats> CrawlLogStats(CrawlLogStatsParams p, CancellationToken ct = default);

    Task<IReadOnlyList<string>> ItemExistingKeys(ItemExistingKeysParams p, CancellationToken ct = default);
    Task<ItemRow?> ItemGet(long id, CancellationToken ct = default);
    Task<IReadOnlyList<ItemRow>> ItemList(ItemListParams p, CancellationToken ct = default);
    Task<IReadOnlyList<ItemTimes>> ItemTimeList(ItemTimeListParams p, CancellationToken ct = default);
    /// <summary>Deletes items first seen before <c>OlderThan</c>; returns how many.</summary>
    Task<int> ItemPrune(ItemPruneParams p, CancellationToken ct = default);
    Task<bool> ItemSetPage(ItemSetPageParams p, CancellationToken ct = default);
    /// <summary>Inserts items whose (source, guid hash) is new and refreshes changed ones, in one transaction.</summary>
    Task<ItemUpsertResult> ItemUpsertMany(ItemUpsertManyParams p, CancellationToken ct = default);

    Task<IReadOnlyList<MigrationState>> MigrationList(CancellationToken ct = default);
    /// <summary>Applies pending migrations up to <c>Target</c> (all when null); returns the versions applied.</summary>
    Task<IReadOnlyList<int>> MigrationUp(MigrationUpParams p, CancellationToken ct = default);
    /// <summary>Reverts applied migrations down to (not including) <c>Target</c>; returns the versions reverted.</summary>
    Task<IReadOnlyList<int>> MigrationDown(MigrationDownParams p, CancellationToken ct = default);

    /// <summary>Takes or renews the single maintenance leadership atomically (see <see cref="LeaderAcquireParams"/>).</summary>
    Task<LeaderState> LeaderAcquireOrRenew(LeaderAcquireParams p, CancellationToken ct = default);
    /// <summary>The current leadership (<c>IsLeader</c> is false: nobody asked).</summary>
    Task<LeaderState> LeaderGet(CancellationToken ct = default);
    /// <summary>Clears the holder when <c>Node</c> holds it, so another node takes over at its next heartbeat.</summary>
    Task<bool> LeaderRelease(LeaderReleaseParams p, CancellationToken ct = default);

    /// <summary>A node's heartbeat in one transaction: election, registry row, stale-node removal (see <see cref="NodeBeatParams"/>).</summary>
    Task<NodeBeatResult> NodeBeat(NodeBeatParams p, CancellationToken ct = default);
    Task<IReadOnlyList<NodeRow>> NodeList(CancellationToken ct = default);
    /// <summary>Returns false when the node is not registered (it was removed as stale): register it again.</summary>
    Task<bool> NodeHeartbeat(NodeHeartbeatParams p, CancellationToken ct = default);
    Task NodeRegister(NodeRegisterParams p, CancellationToken ct = default);
    Task<bool> NodeRemove(string name, CancellationToken ct = default);
    /// <summary>Removes nodes that stopped heartbeating; returns how many.</summary>
    Task<int> NodeRemoveStale(NodeRemoveStaleParams p, CancellationToken ct = default);

    Task<QueueRow> QueueUpsert(QueueUpsertParams p, CancellationToken ct = default);
    Task<IReadOnlyList<QueueRow>> QueueList(CancellationToken ct = default);
    Task<bool> QueueSetPaused(QueueSetPausedParams p, CancellationToken ct = default);

    Task<IReadOnlyList<RunRecord>> RunActiveList(RunActiveListParams p, CancellationToken ct = default);
    Task<bool> RunAbandon(RunAbandonParams p, CancellationToken ct = default);
    Task<IReadOnlyList<RunAttempt>> RunAttemptList(long runId, CancellationToken ct = default);
    Task<RunCancelResult> RunCancel(RunCancelParams p, CancellationToken ct = default);
    /// <summary>Claims up to <c>Limit</c> due runs of a queue, honouring each task's concurrency limit.</summary>
    Task<IReadOnlyList<RunRecord>> RunClaimNext(RunClaimNextParams p, CancellationToken ct = default);
    /// <summary>Applies many attempt completions in one transaction; a completion whose run is no longer
    /// running that attempt (cancelled, abandoned, rescued) is ignored. Returns the number applied.</summary>
    Task<int> RunCompleteMany(IReadOnlyList<RunCompletion> completions, CancellationToken ct = default);
    Task<RunRecord?> RunGet(long id, CancellationToken ct = default);
    /// <summary>Extends the leases of running runs; returns the ids whose cancellation was requested.</summary>
    Task<IReadOnlyList<long>> RunHeartbeatMany(RunHeartbeatParams p, CancellationToken ct = default);
    /// <summary>Inserts runs; a run whose (schedule, nominal time) or (task, idempotency key) exists is not inserted
    /// and its id is returned as the existing one with <c>Inserted=false</c>.</summary>
    Task<IReadOnlyList<RunInsertResult>> RunInsertMany(IReadOnlyList<RunInsertParams> runs, CancellationToken ct = default);
    Task<DateTimeOffset?> RunLastStartedAt(long taskId, CancellationToken ct = default);
    /// <summary>Per task: runs executing and runs waiting (scheduled or available).</summary>
    Task<IReadOnlyDictionary<long, RunActiveCount>> RunActiveCounts(IReadOnlyList<long> taskIds, CancellationToken ct = default);
    /// <summary>Per task: finished runs that succeeded and failed per UTC day since <c>Since</c>.</summary>
    Task<IReadOnlyList<RunDailyRow>> RunDailyCounts(RunStatsParams p, CancellationToken ct = default);
    /// <summary>Durations of succeeded runs that ended since <c>Since</c>, newest first.</summary>
    /// <summary>Hourly success/failure counts for the dashboard chart, aggregated in the store (hours without runs are absent).</summary>
    Task<IReadOnlyList<RunHourlyRow>> RunHourlyCounts(RunHourlyParams p, CancellationToken ct = default);
    Task<IReadOnlyList<RunDurationRow>> RunDurations(RunDurationParams p, CancellationToken ct = default);
    /// <summary>Runs newest first, filtered and cursor-paged; without logs (<see cref="RunRecord.Logs"/> is null — <c>RunGet</c> has them).</summary>
    Task<IReadOnlyList<RunRecord>> RunList(RunListParams p, CancellationToken ct = default);
    /// <summary>The step runs of a pipeline run, oldest first.</summary>
    Task<IReadOnlyList<RunRecord>> RunListChildren(long parentRunId, CancellationToken ct = default);
    /// <summary>Makes a run that waits in <c>scheduled</c> due at <c>Now</c> (a pipeline whose step finished); false when
    /// it is not waiting or already due.</summary>
    Task<bool> RunWake(RunWakeParams p, CancellationToken ct = default);
    /// <summary>The earliest ScheduledAt of a run waiting to be claimed (for the dispatcher's timer).</summary>
    Task<DateTimeOffset?> RunNextScheduledAt(CancellationToken ct = default);
    Task<int> RunProgressMany(IReadOnlyList<RunProgressParams> updates, CancellationToken ct = default);
    /// <summary>Deletes history beyond each task's retention (keep N succeeded, N failed, max age).</summary>
    /// <summary>Per task: run counts all time and since <c>Since</c>.</summary>
    Task<IReadOnlyList<RunStatsRow>> RunStatsByTask(RunStatsParams p, CancellationToken ct = default);
    Task<int> RunPrune(RunPruneParams p, CancellationToken ct = default);
    /// <summary>Retries or abandons running runs whose lease expired or whose node is gone.</summary>
    Task<IReadOnlyList<RunRescueResult>> RunRescue(RunRescueParams p, CancellationToken ct = default);

    Task<bool> SourceDelete(SourceDeleteParams p, CancellationToken ct = default);
    Task<SourceRow?> SourceGet(SourceGetParams p, CancellationToken ct = default);
    Task<IReadOnlyList<SourceRow>> SourceList(SourceListParams p, CancellationToken ct = default);
    Task<SourceRow?> SourceSetRules(SourceSetRulesParams p, CancellationToken ct = default);
    Task<SourceRow?> SourceUpdateAfterCrawl(SourceUpdateAfterCrawlParams p, CancellationToken ct = default);
    Task<SourceRow?> SourceSetSchedule(SourceSetScheduleParams p, CancellationToken ct = default);
    Task<SourceRow> SourceUpsert(SourceUpsertParams p, CancellationToken ct = default);

    Task<ScheduleRow?> ScheduleGet(long id, CancellationToken ct = default);
    /// <summary>Enabled schedules of enabled tasks with NextFireAt ≤ Now.</summary>
    Task<IReadOnlyList<ScheduleRow>> ScheduleGetDue(ScheduleGetDueParams p, CancellationToken ct = default);
    /// <summary>Inserts the occurrences' runs and advances the schedules, all in one transaction.</summary>
    Task<IReadOnlyList<IReadOnlyList<RunInsertResult>>> ScheduleFireMany(IReadOnlyList<ScheduleFireParams> fires, CancellationToken ct = default);
    Task<IReadOnlyList<ScheduleRow>> ScheduleList(ScheduleListParams p, CancellationToken ct = default);
    /// <summary>The earliest NextFireAt of an enabled schedule of an enabled task.</summary>
    Task<DateTimeOffset?> ScheduleNextFireAt(CancellationToken ct = default);
    /// <summary>Replaces a task's schedules; rows whose name and definition are unchanged keep their progress.</summary>
    Task<IReadOnlyList<ScheduleRow>> ScheduleSync(ScheduleSyncParams p, CancellationToken ct = default);
    Task ScheduleSetNext(ScheduleSetNextParams p, CancellationToken ct = default);

    Task<long> TokenCreate(TokenCreateParams p, CancellationToken ct = default);
    /// <summary>The token whose secret hashes to <paramref name="hash"/>, revoked or expired included (callers decide).</summary>
    Task<TokenLookup?> TokenFind(string hash, CancellationToken ct = default);
    Task<TokenRow?> TokenGet(long id, CancellationToken ct = default);
    Task<IReadOnlyList<TokenRow>> TokenList(TokenListParams p, CancellationToken ct = default);
    Task<bool> TokenRevoke(TokenRevokeParams p, CancellationToken ct = default);
    Task TokenTouch(TokenTouchParams p, CancellationToken ct = default);

    Task<bool> TaskDelete(string name, CancellationToken ct = default);
    Task<TaskRow?> TaskGet(string name, CancellationToken ct = default);
    Task<TaskRow?> TaskGetById(long id, CancellationToken ct = default);
    Task<IReadOnlyList<TaskRow>> TaskList(TaskListParams p, CancellationToken ct = default);
    /// <summary>Paused tasks whose PausedUntil has passed.</summary>
    Task<IReadOnlyList<TaskRow>> TaskListResumable(DateTimeOffset now, CancellationToken ct = default);
    Task<bool> TaskSetEnabled(TaskSetEnabledParams p, CancellationToken ct = default);
    Task<TaskRow> TaskUpsert(TaskUpsertParams p, CancellationToken ct = default);

    Task<long> UserCount(CancellationToken ct = default);
    Task<UserRow> UserCreate(UserCreateParams p, CancellationToken ct = default);
    Task<UserRow?> UserGet(string name, CancellationToken ct = default);
    Task<UserRow?> UserGetById(long id, CancellationToken ct = default);
    Task<IReadOnlyList<UserRow>> UserList(CancellationToken ct = default);
    Task<UserRow?> UserUpdate(UserUpdateParams p, CancellationToken ct = default);
}
