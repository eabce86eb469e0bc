using Rota.Client.Models;
using Rota.Storage;

namespace Rota.Cli.Commands;

/// <summary>One source as <c>source list</c> prints it (seed 001's source status fields).</summary>
public sealed record SourceView(long Id, string Owner, string Name, string Kind, string Url, string Status, string? ErrorCode, string? ErrorMessage,
    bool? ErrorTransient, int ConsecutiveErrors, DateTimeOffset? LastCrawledAt, DateTimeOffset? NextCrawlAt, int PollIntervalSeconds, long ItemsTotal)
{
    public static SourceView Of(SourceRow s) => new(s.Id, s.Owner, s.Name, s.Kind, s.Url, s.Status, s.ErrorCode, s.ErrorMessage, s.ErrorTransient,
        s.ConsecutiveErrors, s.LastCrawledAt, s.NextCrawlAt, s.PollIntervalSeconds, s.ItemsTotal);

    public static SourceView Of(SourceInfo s) => new(s.Id, s.Owner, s.Name, s.Kind, s.Url, s.Status, s.ErrorCode, s.ErrorMessage, s.ErrorTransient,
        s.ConsecutiveErrors, s.LastCrawledAt, s.NextCrawlAt, s.PollIntervalSeconds, s.ItemsTotal);
}
