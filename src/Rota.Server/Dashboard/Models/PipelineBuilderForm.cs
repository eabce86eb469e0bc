namespace Rota.Server.Dashboard.Models;

/// <summary>The visual pipeline builder's state as the form posts it: pipeline settings, schedule rows and step cards.
/// Cards and rows carry stable keys (<c>s3</c>, <c>c1</c>) so reordering in the page (drag and drop, the up/down buttons)
/// only moves them; <c>after</c> choices point at a card by key (<c>#s3</c>), so renaming a step keeps its dependents.</summary>
public sealed class PipelineBuilderForm
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Kept from the definition (only admins may set it); the builder does not show it.</summary>
    public string Owner { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public List<BuilderSchedule> Schedules { get; set; } = [];
    public List<BuilderStep> Steps { get; set; } = [];
    /// <summary>The next free number for a new card's key.</summary>
    public int NextKey { get; set; } = 1;

    public string NewKey(string prefix) => prefix + (NextKey++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int IndexOf(string key) => Steps.FindIndex(s => s.Key == key);

    /// <summary>The step a reference names: <c>#key</c> is a card, anything else a step name typed or loaded as is.</summary>
    public string ResolveAfter(string reference) =>
        reference.StartsWith('#') ? Steps.FirstOrDefault(s => s.Key == reference[1..])?.Name ?? "" : reference;
}

public sealed class BuilderStep
{
    public const string TaskTarget = "task", HandlerTarget = "handler";
    public const string AfterPrevious = "previous", AfterChosen = "chosen";

    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary><see cref="TaskTarget"/> (run an existing task) or <see cref="HandlerTarget"/> (an inline handler).</summary>
    public string Target { get; set; } = HandlerTarget;
    public string Task { get; set; } = "";
    public string Handler { get; set; } = "";
    public List<BuilderParameter> Parameters { get; set; } = [];
    public string Timeout { get; set; } = "";
    public string RetryAttempts { get; set; } = "";
    public string RetryBackoff { get; set; } = "";
    public string RetryFactor { get; set; } = "";
    public string RetryMaxBackoff { get; set; } = "";
    /// <summary>"" (the default, on), "true" or "false".</summary>
    public string RetryJitter { get; set; } = "";
    public bool RetryPermanent { get; set; }
    public bool ContinueOnFailure { get; set; }
    /// <summary><see cref="AfterPrevious"/> (no <c>after</c>: wait for the previous step) or <see cref="AfterChosen"/>.</summary>
    public string AfterMode { get; set; } = AfterPrevious;
    /// <summary>With <see cref="AfterChosen"/>: <c>#key</c> of a card, or a step name that no card has (shown as unknown).</summary>
    public List<string> After { get; set; } = [];
    public string When { get; set; } = "";

    public bool HasRetry => RetryAttempts.Trim().Length > 0 || RetryBackoff.Trim().Length > 0 || RetryFactor.Trim().Length > 0
        || RetryMaxBackoff.Trim().Length > 0 || RetryJitter.Length > 0 || RetryPermanent;

    public BuilderStep CopyAs(string key, string name) => new()
    {
        Key = key, Name = name, Target = Target, Task = Task, Handler = Handler,
        Parameters = [.. Parameters.Select(p => new BuilderParameter { Key = p.Key, Value = p.Value, Type = p.Type })],
        Timeout = Timeout, RetryAttempts = RetryAttempts, RetryBackoff = RetryBackoff, RetryFactor = RetryFactor, RetryMaxBackoff = RetryMaxBackoff,
        RetryJitter = RetryJitter, RetryPermanent = RetryPermanent, ContinueOnFailure = ContinueOnFailure, AfterMode = AfterMode, After = [.. After], When = When,
    };
}

/// <summary>One parameter row: a text value is a JSON string as typed; a JSON value is parsed (numbers, true, lists, …).</summary>
public sealed class BuilderParameter
{
    public const string Text = "text", Json = "json";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public string Type { get; set; } = Text;
}

/// <summary>One schedule row: a cron expression or an interval (<c>every</c>) in a time zone.</summary>
public sealed class BuilderSchedule
{
    public const string Cron = "cron", Every = "every";
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = Cron;
    public string Value { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public bool Enabled { get; set; } = true;
}
