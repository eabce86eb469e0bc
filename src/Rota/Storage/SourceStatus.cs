namespace Rota.Storage;

/// <summary>Source statuses (seed 001 plus <c>disabled</c>): stored as these lower-case words.</summary>
public static class SourceStatus
{
    /// <summary>Added, never crawled yet.</summary>
    public const string Pending = "pending";
    /// <summary>The last crawl succeeded.</summary>
    public const string Active = "active";
    /// <summary>The last crawl failed; <c>error_*</c> say why and whether it may heal by itself.</summary>
    public const string Error = "error";
    /// <summary>Not crawled any more (410 Gone, or by a person); only an explicit crawl of this source touches it.</summary>
    public const string Disabled = "disabled";
}
