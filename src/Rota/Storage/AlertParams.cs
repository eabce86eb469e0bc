namespace Rota.Storage;

/// <summary>Alert state words as stored.</summary>
public static class AlertStateStatus
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}

/// <summary>Alert delivery words as stored: <c>Kind</c> fired, resolved or test; <c>Status</c> pending, sent or failed.</summary>
public static class AlertDeliveryValues
{
    public const string Fired = "fired";
    public const string Resolved = "resolved";
    public const string Test = "test";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>One (rule, subject) an alert rule watches: a task, a source, a node. <c>Since</c> is when it last changed
/// status, <c>Count</c> how many firing signals were seen since it started firing.</summary>
public sealed record AlertStateRow(string Rule, string SubjectKey, string Status, DateTimeOffset Since, DateTimeOffset? LastSentAt, int Count);

/// <summary>A firing signal. The state becomes (or stays) firing; the result says whether a message is due: when it
/// was not firing, or when it was and <c>RepeatAfter</c> is set and the last message is at least that old.</summary>
public sealed record AlertStateFireParams(string Rule, string SubjectKey, DateTimeOffset Now, TimeSpan? RepeatAfter = null);

/// <summary>The subject is healthy again: a firing state becomes resolved (true), otherwise nothing changes (false).</summary>
public sealed record AlertStateResolveParams(string Rule, string SubjectKey, DateTimeOffset Now);

/// <summary>A subject seen healthy at <c>SeenAt</c> (node_lost: a node's heartbeat): a new state row is created
/// resolved with <c>Since = SeenAt</c>; a resolved row's <c>Since</c> only moves forward; a firing row is unchanged.
/// Keeping this in the store lets any leader know when a node was last seen, even after it left the registry.</summary>
public sealed record AlertStateSeenParams(string Rule, string SubjectKey, DateTimeOffset SeenAt);

/// <param name="Rule">Only this rule (null: all).</param>
/// <param name="Status">Only this status (null: both).</param>
public sealed record AlertStateListParams(string? Rule = null, string? Status = null, int Limit = 1000);

/// <summary>One message to one channel, recorded before it is sent. <c>Summary</c> is the subject line.</summary>
public sealed record AlertDeliveryRow(long Id, string Rule, string Channel, string SubjectKey, string Kind, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string Summary);

public sealed record AlertDeliveryInsertParams(string Rule, string Channel, string SubjectKey, string Kind, string Summary, DateTimeOffset Now);

/// <summary>Records an attempt: <c>Status</c> stays pending between retries, then sent (with <c>SentAt</c>) or failed.</summary>
public sealed record AlertDeliveryUpdateParams(long Id, string Status, int Attempts, string? LastError, DateTimeOffset? SentAt);

/// <summary>Newest first; each filter is ignored when null.</summary>
public sealed record AlertDeliveryListParams(string? Rule = null, string? Channel = null, string? Status = null, int Limit = 50);

/// <summary>The alert configuration (channels and rules) as JSON, shared by every node of a cluster.</summary>
public sealed record AlertConfigRow(string Document, DateTimeOffset UpdatedAt);

public sealed record AlertConfigSetParams(string Document, DateTimeOffset Now);
