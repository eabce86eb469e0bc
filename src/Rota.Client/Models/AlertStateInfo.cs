namespace Rota.Client.Models;

/// <summary>One subject (task, source, node…) an alert rule watches: firing or resolved since when.</summary>
public sealed record AlertStateInfo(string SubjectKey, string Status, DateTimeOffset Since, DateTimeOffset? LastSentAt, int Count);
