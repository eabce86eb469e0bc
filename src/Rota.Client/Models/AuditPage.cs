namespace Rota.Client.Models;

/// <summary><c>GET /api/v1/audit</c>: newest first; <see cref="NextCursor"/> continues.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? NextCursor);
