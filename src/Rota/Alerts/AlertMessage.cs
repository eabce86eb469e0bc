namespace Rota.Alerts;

/// <summary>One rendered alert for one delivery. <c>Kind</c> is fired, resolved or test
/// (<see cref="Storage.AlertDeliveryValues"/>); <c>Values</c> are the placeholders it was rendered from.</summary>
public sealed record AlertMessage(string Rule, string SubjectKey, string Kind, string Subject, string Body,
    IReadOnlyDictionary<string, string> Values, DateTimeOffset At);
