using System.Text.Json;

namespace Rota.Server.Tests;

/// <summary>Every case sends a bad request, expects problem+json naming the field with the right status, and checks
/// that nothing stored changed.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private sealed record Case(Identity Who, string Method, string Path, string? Body, int Status, string? Field, string? Code = null, string? ContentType = null,
        string? Value = null);

    private static readonly string Oversized = $$"""{"name":"big","handler":"noop","description":"{{new string('a', BadInputFixture.MaxBody + 10)}}"}""";
    private static readonly string InAnHour = TimeProvider.System.GetUtcNow().AddHours(1).ToString("O");

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // POST /tasks
        ["CreateTask_MalformedJson"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":""", 400, "body"),
        ["CreateTask_ArrayBody"] = new(Identity.Alice, "POST", "/api/v1/tasks", "[1]", 400, "body"),
        ["CreateTask_NameWrongType"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":{"a":1},"handler":"noop"}""", 400, "name"),
        ["CreateTask_MissingName"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"handler":"noop"}""", 400, "name"),
        ["CreateTask_MissingHandler"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"no-handler"}""", 400, "handler"),
        ["CreateTask_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x1","handler":"noop","colour":"red"}""", 400, "colour", Value: "\"red\""),
        ["CreateTask_RetryAttemptsOutOfRange"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x2","handler":"noop","retry":{"attempts":0}}""", 422, "retry.attempts"),
        ["CreateTask_HandlerWrongType"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x2","handler":7}""", 400, "handler"),
        ["EnableTask_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/enable", """{"force":true}""", 400, "force", "request.unknown_field"),
        ["CreateTask_InvalidCron"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x3","handler":"noop","cron":"61 * * * *"}""", 422, "cron", Value: "61 * * * *"),
        ["CreateTask_InvalidTimeZone"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x4","handler":"noop","cron":"0 2 * * *","time_zone":"Mars/Olympus"}""", 422, "time_zone", Value: "Mars/Olympus"),
        ["CreateTask_UnknownHandler"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x5","handler":"teleport"}""", 422, "handler"),
        ["CreateTask_Oversized"] = new(Identity.Alice, "POST", "/api/v1/tasks", Oversized, 413, "body", "request.too_large"),
        ["CreateTask_TextPlain"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x6","handler":"noop"}""", 415, "content-type", "request.unsupported_media_type", "text/plain"),
        ["CreateTask_Duplicate"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"bi-task","handler":"noop"}""", 409, "name", "task.exists"),
        ["CreateTask_CommandAsUser"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x7","handler":"command","parameters":{"program":"/bin/true"}}""", 403, "handler", "task.command_not_allowed"),
        ["CreateTask_CommandAsAdminWithoutOptIn"] = new(Identity.Admin, "POST", "/api/v1/tasks", """{"name":"x8","handler":"command","parameters":{"program":"/bin/true"}}""", 403, "handler", "task.command_not_allowed"),
        ["CreateTask_OwnerOtherUser"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x9","handler":"noop","owner":"bob"}""", 403, null, "auth.forbidden"),
        // POST /pipelines
        ["CreatePipeline_MalformedJson"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":""", 400, "body"),
        ["CreatePipeline_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p1","steps":[],"colour":"red"}""", 400, "colour", Value: "\"red\""),
        ["CreatePipeline_MissingName"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"steps":[{"name":"a","handler":"noop"}]}""", 400, "name"),
        ["CreatePipeline_NoSteps"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p2"}""", 422, "steps"),
        ["CreatePipeline_UnknownTask"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p3","steps":[{"name":"a","task":"ghost"}]}""", 422, "steps[0].task", Value: "ghost"),
        ["CreatePipeline_OtherUsersTask"] = new(Identity.Bob, "POST", "/api/v1/pipelines", """{"name":"p4","steps":[{"name":"a","task":"bi-task"}]}""", 422, "steps[0].task", Value: "bi-task"),
        ["CreatePipeline_Cycle"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p5","steps":[{"name":"a","handler":"noop","after":["b"]},{"name":"b","handler":"noop","after":["a"]}]}""", 422, "steps", Value: "a -> b -> a"),
        ["CreatePipeline_BadCondition"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p6","steps":[{"name":"a","handler":"noop"},{"name":"b","handler":"noop","when":"steps.a.status = 'x'"}]}""", 422, "steps[1].when"),
        ["CreatePipeline_CommandStepAsUser"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"p7","steps":[{"name":"a","handler":"command","parameters":{"program":"/bin/true"}}]}""", 403, "steps[0].handler", "task.command_not_allowed"),
        ["CreatePipeline_NameTakenByTask"] = new(Identity.Alice, "POST", "/api/v1/pipelines", """{"name":"bi-task","steps":[{"name":"a","handler":"noop"}]}""", 409, "name", "pipeline.exists"),
        ["RunPipeline_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/pipelines/bi-pipe/run", """{"force":true}""", 400, "force", "request.unknown_field"),
        ["RunPipeline_UnknownStep"] = new(Identity.Alice, "POST", "/api/v1/pipelines/bi-pipe/run", """{"step":"nine"}""", 400, null, "pipeline.unknown_step"),
        ["CreateTask_UnknownUpstream"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"x10","handler":"noop","depends_on":["ghost"]}""", 422, "depends_on[0]", Value: "ghost"),
        ["ReplaceTask_DependencyCycle"] = new(Identity.Alice, "PUT", "/api/v1/tasks/bi-task", """{"handler":"noop","depends_on":["bi-task"]}""", 422, "depends_on", Value: "bi-task -> bi-task"),
        // PUT /tasks/{name}
        ["ReplaceTask_Rename"] = new(Identity.Alice, "PUT", "/api/v1/tasks/bi-task", """{"name":"other","handler":"noop"}""", 422, "name"),
        ["ReplaceTask_MalformedJson"] = new(Identity.Alice, "PUT", "/api/v1/tasks/bi-task", "{,}", 400, "body"),
        ["ReplaceTask_InvalidCron"] = new(Identity.Alice, "PUT", "/api/v1/tasks/bi-task", """{"handler":"noop","cron":"* * *"}""", 422, "cron"),
        // POST /tasks/{name}/disable
        ["DisableTask_UntilInPast"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/disable", """{"until":"2001-01-01T00:00:00Z"}""", 422, "until"),
        ["DisableTask_UntilNotInstant"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/disable", """{"until":"next tuesday"}""", 422, "until", Value: "next tuesday"),
        ["DisableTask_ReasonWrongType"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/disable", """{"reason":42}""", 400, "reason"),
        ["DisableTask_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/disable", """{"why":"x"}""", 400, "why", "request.unknown_field"),
        // POST /tasks/{name}/runs
        ["RunNow_ParametersNotObject"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", """{"parameters":[1,2]}""", 400, "parameters", Value: "[1,2]"),
        ["RunNow_RunAtTooFar"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", """{"run_at":"2999-01-01T00:00:00Z"}""", 422, "run_at"),
        ["RunNow_IgnoreOverlapWrongType"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", """{"ignore_overlap":"yes"}""", 400, "ignore_overlap"),
        ["RunNow_IdempotencyKeyTooLong"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", $$"""{"idempotency_key":"{{new string('k', 201)}}"}""", 422, "idempotency_key"),
        ["RunNow_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", """{"params":{}}""", 400, "params"),
        ["RunNow_Malformed"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/runs", "{\"parameters\":", 400, "body"),
        // runs
        ["CancelRun_ReasonWrongType"] = new(Identity.Alice, "POST", "/api/v1/runs/{finished}/cancel", """{"reason":true}""", 400, "reason"),
        ["CancelRun_AlreadyFinished"] = new(Identity.Alice, "POST", "/api/v1/runs/{finished}/cancel", null, 409, null, "run.already_finished"),
        ["RetryRun_Malformed"] = new(Identity.Alice, "POST", "/api/v1/runs/{finished}/retry", "nope", 400, "body"),
        // queues
        ["ResizeQueue_Zero"] = new(Identity.Admin, "PUT", "/api/v1/queues/bi-queue", """{"concurrency":0}""", 422, "concurrency", Value: "0"),
        ["ResizeQueue_String"] = new(Identity.Admin, "PUT", "/api/v1/queues/bi-queue", """{"concurrency":"3"}""", 400, "concurrency"),
        ["ResizeQueue_Fraction"] = new(Identity.Admin, "PUT", "/api/v1/queues/bi-queue", """{"concurrency":1.5}""", 400, "concurrency"),
        ["ResizeQueue_Missing"] = new(Identity.Admin, "PUT", "/api/v1/queues/bi-queue", "{}", 400, "concurrency"),
        ["ResizeQueue_Huge"] = new(Identity.Admin, "PUT", "/api/v1/queues/bi-queue", """{"concurrency":99999999999}""", 422, "concurrency"),
        // users
        ["CreateUser_MissingName"] = new(Identity.Admin, "POST", "/api/v1/users", """{"role":"user"}""", 400, "name"),
        ["CreateUser_BadName"] = new(Identity.Admin, "POST", "/api/v1/users", """{"name":"Bad Name"}""", 422, "name"),
        ["CreateUser_BadRole"] = new(Identity.Admin, "POST", "/api/v1/users", """{"name":"carol","role":"root"}""", 422, "role", Value: "root"),
        ["CreateUser_ShortPassword"] = new(Identity.Admin, "POST", "/api/v1/users", """{"name":"carol","password":"short"}""", 422, "password"),
        ["CreateUser_Exists"] = new(Identity.Admin, "POST", "/api/v1/users", """{"name":"alice"}""", 409, "name", "user.exists"),
        ["CreateUser_UnknownField"] = new(Identity.Admin, "POST", "/api/v1/users", """{"name":"carol","email":"c@x"}""", 400, "email"),
        ["UpdateUser_DisabledWrongType"] = new(Identity.Admin, "PATCH", "/api/v1/users/{alice}", """{"disabled":"yes"}""", 400, "disabled"),
        ["UpdateUser_BadRole"] = new(Identity.Admin, "PATCH", "/api/v1/users/{alice}", """{"role":"owner"}""", 422, "role"),
        ["UpdateUser_SelfDisable"] = new(Identity.Admin, "PATCH", "/api/v1/users/{admin}", """{"disabled":true}""", 409, null, "user.self_lockout"),
        ["UpdateUser_SelfDemote"] = new(Identity.Admin, "PATCH", "/api/v1/users/{admin}", """{"role":"user"}""", 409, null, "user.self_lockout"),
        ["UpdateUser_Missing"] = new(Identity.Admin, "PATCH", "/api/v1/users/987654", """{"disabled":true}""", 404, null, "user.not_found"),
        // tokens
        ["CreateToken_MissingName"] = new(Identity.Alice, "POST", "/api/v1/tokens", "{}", 400, "name"),
        ["CreateToken_DaysZero"] = new(Identity.Alice, "POST", "/api/v1/tokens", """{"name":"t","expires_in_days":0}""", 422, "expires_in_days"),
        ["CreateToken_ExpiresInPast"] = new(Identity.Alice, "POST", "/api/v1/tokens", """{"name":"t","expires_at":"2001-01-01T00:00:00Z"}""", 422, "expires_at"),
        ["CreateToken_BothExpiries"] = new(Identity.Alice, "POST", "/api/v1/tokens", $$"""{"name":"t","expires_at":"{{InAnHour}}","expires_in_days":3}""", 422, "expires_in_days"),
        ["CreateToken_ForOtherUser"] = new(Identity.Alice, "POST", "/api/v1/tokens", """{"name":"t","user":"bob"}""", 403, null, "auth.forbidden"),
        ["CreateToken_NoSuchUser"] = new(Identity.Admin, "POST", "/api/v1/tokens", """{"name":"t","user":"nobody"}""", 422, "user"),
        ["CreateToken_DuplicateMember"] = new(Identity.Alice, "POST", "/api/v1/tokens", """{"name":"a","name":"b"}""", 400, "body"),
        ["DisableTask_DuplicateMember"] = new(Identity.Alice, "POST", "/api/v1/tasks/bi-task/disable", """{"reason":"a","reason":"b"}""", 400, "body"),
        ["CreateTask_DuplicateMember"] = new(Identity.Alice, "POST", "/api/v1/tasks", """{"name":"dup","name":"dup2","handler":"noop"}""", 400, "body"),
        ["CreateToken_TooDeep"] = new(Identity.Alice, "POST", "/api/v1/tokens", new string('[', 100) + new string(']', 100), 400, "body"),
        ["CreateToken_NotUtf8Json"] = new(Identity.Alice, "POST", "/api/v1/tokens", "name=laptop", 400, "body"),
        ["CreateToken_FormEncoded"] = new(Identity.Alice, "POST", "/api/v1/tokens", "name=laptop", 415, "content-type", "request.unsupported_media_type", "application/x-www-form-urlencoded"),
        // query strings
        ["ListRuns_BadStatus"] = new(Identity.Alice, "GET", "/api/v1/runs?status=exploded", null, 400, "status", Value: "exploded"),
        ["ListRuns_NumericStatus"] = new(Identity.Alice, "GET", "/api/v1/runs?status=1", null, 400, "status"),
        ["ListRuns_BadTrigger"] = new(Identity.Alice, "GET", "/api/v1/runs?trigger=telepathy", null, 400, "trigger", Value: "telepathy"),
        ["ListRuns_BadCursor"] = new(Identity.Alice, "GET", "/api/v1/runs?cursor=abc", null, 400, "cursor", Value: "abc"),
        ["ListRuns_NegativeCursor"] = new(Identity.Alice, "GET", "/api/v1/runs?cursor=-5", null, 400, "cursor"),
        ["ListRuns_LimitZero"] = new(Identity.Alice, "GET", "/api/v1/runs?limit=0", null, 422, "limit"),
        ["ListRuns_LimitText"] = new(Identity.Alice, "GET", "/api/v1/runs?limit=ten", null, 400, "limit"),
        ["ListRuns_BadFrom"] = new(Identity.Alice, "GET", "/api/v1/runs?from=yesterday", null, 400, "from"),
        ["ListRuns_ToBeforeFrom"] = new(Identity.Alice, "GET", "/api/v1/runs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, 422, "to"),
        ["ListRuns_OtherOwner"] = new(Identity.Alice, "GET", "/api/v1/runs?owner=bob", null, 403, null, "auth.forbidden"),
        ["ListTasks_BadEnabled"] = new(Identity.Alice, "GET", "/api/v1/tasks?enabled=maybe", null, 400, "enabled"),
        ["NextFires_CountText"] = new(Identity.Alice, "GET", "/api/v1/tasks/bi-task/next?count=abc", null, 400, "count"),
        ["CronNext_BadZone"] = new(Identity.Alice, "GET", "/api/v1/cron/next?expression=0%202%20*%20*%20*&time_zone=Nowhere/Town", null, 422, "time_zone", Value: "Nowhere/Town"),
        ["CronNext_CountTooHigh"] = new(Identity.Alice, "GET", "/api/v1/cron/next?expression=0%202%20*%20*%20*&count=1000", null, 422, "count"),
        ["CronExplain_Invalid"] = new(Identity.Alice, "GET", "/api/v1/cron/explain?expression=99%20*%20*%20*%20*", null, 422, "expression"),
        ["CronExplain_Missing"] = new(Identity.Alice, "GET", "/api/v1/cron/explain", null, 400, "expression"),
        ["Audit_BadCursor"] = new(Identity.Admin, "GET", "/api/v1/audit?cursor=zz", null, 400, "cursor"),
        ["Events_BadRunId"] = new(Identity.Alice, "GET", "/api/v1/events?run_id=x", null, 400, "run_id"),
        // alerts
        ["ReplaceAlerts_UnknownChannel"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"rules":[{"name":"r","kind":"run_failed","channels":["pager"]}]}""", 422, "rules[0].channels[0]", "request.validation_failed", Value: "pager"),
        ["ReplaceAlerts_BadDuration"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"channels":{"c":{"type":"slack","url":"https://hooks.example.org/x"}},"rules":[{"name":"r","kind":"no_success_within","duration":"soon","channels":["c"]}]}""", 422, "rules[0].duration", "request.validation_failed", Value: "soon"),
        ["ReplaceAlerts_StatRangeMinAboveMax"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"channels":{"c":{"type":"slack","url":"https://hooks.example.org/x"}},"rules":[{"name":"r","kind":"stat_out_of_range","task":"t","stat":"new_urls","min":50,"max":10,"channels":["c"]}]}""", 422, "rules[0].max", "request.validation_failed", Value: "10"),
        ["ReplaceAlerts_StatRangeNoStat"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"channels":{"c":{"type":"slack","url":"https://hooks.example.org/x"}},"rules":[{"name":"r","kind":"stat_out_of_range","task":"t","max":10,"channels":["c"]}]}""", 422, "rules[0].stat", "request.validation_failed"),
        ["ReplaceAlerts_StatOnOtherKind"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"channels":{"c":{"type":"slack","url":"https://hooks.example.org/x"}},"rules":[{"name":"r","kind":"crawl_completed","stat":"failed","channels":["c"]}]}""", 422, "rules[0].stat", "request.validation_failed", Value: "failed"),
        ["ReplaceAlerts_CaFileMissing"] = new(Identity.Admin, "PUT", "/api/v1/alerts", """{"channels":{"m":{"type":"email","host":"smtp.example.org","from":"a@example.org","to":["b@example.org"],"ca_file":"/nonexistent/ca.pem"}},"rules":[]}""", 422, "channels.m.ca_file", "request.validation_failed", Value: "/nonexistent/ca.pem"),
        ["ReplaceAlerts_Malformed"] = new(Identity.Admin, "PUT", "/api/v1/alerts", "{\"rules\":", 400, "body"),
        ["AlertDeliveries_BadStatus"] = new(Identity.Admin, "GET", "/api/v1/alerts/deliveries?status=lost", null, 422, "status", Value: "lost"),
        ["AlertDeliveries_BadLimit"] = new(Identity.Admin, "GET", "/api/v1/alerts/deliveries?limit=0", null, 422, "limit"),
        ["TestAlertChannel_Unknown"] = new(Identity.Admin, "POST", "/api/v1/alerts/channels/nope/test", null, 404, null, "alert_channel.not_found"),
        // sources and seed 001's crawl routes
        ["AddSource_MissingInput"] = new(Identity.Alice, "POST", "/api/v1/sources", "{}", 400, "input"),
        ["AddSource_InputWrongType"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":5}""", 400, "input"),
        ["AddSource_BadKind"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/dotnet","kind":"fax"}""", 422, "kind", Value: "fax"),
        ["AddSource_BadSubreddit"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/-no-"}""", 422, "input", "source.reddit_invalid"),
        ["AddSource_UnknownField"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/dotnet","tags":["a"]}""", 400, "tags", "request.unknown_field"),
        ["AddSource_OtherOwner"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/dotnet","owner":"bob"}""", 403, null, "auth.forbidden"),
        ["AddSource_RulesNotObject"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/dotnet","rules":[1]}""", 400, "rules"),
        ["AddSource_BadRegexRule"] = new(Identity.Alice, "POST", "/api/v1/sources", """{"input":"r/dotnet","rules":{"block":[{"field":"title","regex":"("}]}}""", 422, "rules.block[0].regex", "source.invalid_rules", Value: "("),
        ["UpdateSource_UnknownRuleField"] = new(Identity.Alice, "PATCH", "/api/v1/sources/{source}", """{"rules":{"max_item":5}}""", 422, "rules.max_item", "source.invalid_rules"),
        ["UpdateSource_UnknownField"] = new(Identity.Alice, "PATCH", "/api/v1/sources/{source}", """{"url":"https://x.example/"}""", 400, "url", "request.unknown_field"),
        ["UpdateSource_EmptyName"] = new(Identity.Alice, "PATCH", "/api/v1/sources/{source}", """{"name":"  "}""", 422, "name"),
        ["UpdateSource_HostHeader"] = new(Identity.Alice, "PATCH", "/api/v1/sources/{source}", """{"rules":{"headers":{"Host":"evil.example"}}}""", 422, "rules.headers.Host", "source.invalid_rules"),
        ["UpdateSource_OtherUsers"] = new(Identity.Bob, "PATCH", "/api/v1/sources/{source}", """{"rules":{"max_items":5}}""", 404, null, "source.not_found"),
        ["ReplaceRules_BadSelector"] = new(Identity.Alice, "PUT", "/api/v1/sources/{source}/rules", """{"full_content":true,"selector":"div["}""", 422, "rules.selector", "source.invalid_rules", Value: "div["),
        ["ReplaceRules_MinQualityRange"] = new(Identity.Alice, "PUT", "/api/v1/sources/{source}/rules", """{"min_quality":101}""", 422, "rules.min_quality", "source.invalid_rules", Value: "101"),
        ["ReplaceRules_MalformedJson"] = new(Identity.Alice, "PUT", "/api/v1/sources/{source}/rules", "{", 400, "body"),
        ["SourceItems_MinQualityNotNumber"] = new(Identity.Alice, "GET", "/api/v1/sources/{source}/items?min_quality=high", null, 400, "min_quality", Value: "high"),
        ["SourceItems_MinQualityRange"] = new(Identity.Alice, "GET", "/api/v1/sources/{source}/items?min_quality=200", null, 422, "min_quality", Value: "200"),
        ["ListSources_BadStatus"] = new(Identity.Alice, "GET", "/api/v1/sources?status=sleepy", null, 400, "status", Value: "sleepy"),
        ["SetSourceSchedule_MissingMode"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", "{}", 400, "mode"),
        ["SetSourceSchedule_BadMode"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", """{"mode":"hourly"}""", 422, "mode", Value: "hourly"),
        ["SetSourceSchedule_IntervalNotFixed"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", """{"mode":"predictive","interval":"1h"}""", 422, "interval", Value: "1h"),
        ["SetSourceSchedule_BadInterval"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", """{"mode":"fixed","interval":"soon"}""", 422, "interval", Value: "soon"),
        ["SetSourceSchedule_IntervalBelowMin"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", """{"mode":"fixed","interval":"1m"}""", 422, "interval", Value: "1m"),
        ["SetSourceSchedule_UnknownField"] = new(Identity.Alice, "PUT", "/api/v1/sources/1/schedule", """{"mode":"fixed","every":"1h"}""", 400, "every", "request.unknown_field"),
        ["SetSourceSchedule_NoSuchSource"] = new(Identity.Alice, "PUT", "/api/v1/sources/999999/schedule", """{"mode":"fixed"}""", 404, null, "source.not_found"),
        ["GetSourceSchedule_NoSuchSource"] = new(Identity.Alice, "GET", "/api/v1/sources/999999/schedule", null, 404, null, "source.not_found"),
        ["CrawlTrigger_SourceIdWrongType"] = new(Identity.Alice, "POST", "/api/v1/crawl/trigger", """{"source_id":"abc"}""", 400, "source_id"),
        ["CrawlTrigger_UnknownSource"] = new(Identity.Alice, "POST", "/api/v1/crawl/trigger", """{"source_id":987654}""", 404, null, "source.not_found"),
        ["CrawlLogs_BadStatus"] = new(Identity.Alice, "GET", "/api/v1/crawl/logs?status=exploded", null, 400, "status", Value: "exploded"),
        ["CrawlLogs_LimitTooHigh"] = new(Identity.Alice, "GET", "/api/v1/crawl/logs?limit=100000", null, 422, "limit"),
        // seed 004 and seed 002
        ["SchedulerToggle_EnabledWrongType"] = new(Identity.Admin, "POST", "/api/v1/scheduler/tasks/{task}/toggle", """{"enabled":"yes"}""", 400, "enabled"),
        ["SchedulerToggle_Missing"] = new(Identity.Admin, "POST", "/api/v1/scheduler/tasks/987654/toggle", null, 404, null, "task.not_found"),
        ["SchedulerRun_ParametersNotObject"] = new(Identity.Admin, "POST", "/api/v1/scheduler/tasks/bi-task/run", """{"parameters":"x"}""", 400, "parameters"),
        ["SchedulerRuns_BadStatus"] = new(Identity.Admin, "GET", "/api/v1/scheduler/runs?status=exploded", null, 400, "status"),
        ["OnDemandSync_BackfillWrongType"] = new(Identity.Admin, "POST", "/api/v1/tasks/sync", """{"backfill_days":"7"}""", 400, "backfill_days"),
        ["OnDemandAnalyze_BatchTooBig"] = new(Identity.Admin, "POST", "/api/v1/tasks/analyze", """{"batch_size":10001}""", 422, "batch_size", Value: "10001"),
        ["OnDemandPipeline_UnknownField"] = new(Identity.Admin, "POST", "/api/v1/tasks/pipeline", """{"days":3}""", 400, "days", "request.unknown_field"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task WriteOrQuery_BadInput_ProblemNamingFieldAndNothingStored(string name)
    {
        var c = Cases[name];
        var s = fixture.Server;
        var path = c.Path.Replace("{finished}", fixture.FinishedRunId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{alice}", s.UserIds[Identity.Alice].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{admin}", s.UserIds[Identity.Admin].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{task}", fixture.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{source}", fixture.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var before = await s.SnapshotAsync();
        using var response = await s[c.Who].SendAsync(new HttpMethod(c.Method), path, c.Body, c.ContentType);
        var problem = await response.ProblemAsync(c.Status, c.Code, c.Field);
        if (c.Value is not null) Assert.Equal(c.Value, problem.Str("value"));
        Assert.Equal(JsonValueKind.String, problem.GetProperty("code").ValueKind);
        Assert.Equal(before, await s.SnapshotAsync());
    }
}
