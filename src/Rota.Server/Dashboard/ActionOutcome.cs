namespace Rota.Server.Dashboard;

/// <summary>Where a dashboard action sends the browser, with a notice (it worked) or an error (it did not) for the banner.</summary>
public sealed record ActionOutcome(string Page, string? Notice, string? Error)
{
    public string Location()
    {
        var sep = Page.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Notice is not null ? $"{Page}{sep}notice={Uri.EscapeDataString(Notice)}"
            : Error is not null ? $"{Page}{sep}error={Uri.EscapeDataString(Error)}" : Page;
    }
}
