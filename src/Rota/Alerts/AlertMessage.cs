namespace Rota.Alerts;

/// <summary>One rendered alert for one delivery. <c>Kind</c> is fired, resolved or test
/// (<see cref="Storage.AlertDeliveryValues"/>); <c>Values</c> are the placeholders it was rendered from; <c>Data</c>
/// is typed detail for webhook bodies (a crawl's summary), null for most rules.</summary>
public sealed record AlertMessage(string Rule, string SubjectKey, string Kind, string Subject, string Body,
    IReadOnlyDictionary<string, string> Values, DateTimeOffset At, System.Text.Json.Nodes.JsonObject? Data = null);
