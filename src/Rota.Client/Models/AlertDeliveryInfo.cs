namespace Rota.Client.Models;

/// <summary>One alert message to one channel: <c>Kind</c> fired, resolved or test; <c>Status</c> pending, sent or failed.</summary>
public sealed record AlertDeliveryInfo(long Id, string Rule, string Channel, string SubjectKey, string Kind, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string Summary);
