namespace Rota.Cli.Commands;

/// <summary>One schedule as listings show it. <see cref="Spec"/> is the stored form (<c>every:00:00:10</c>);
/// <see cref="Text"/> is how it is written in rota.yaml (<c>every 10s</c>); <see cref="Description"/> is plain English.</summary>
public sealed record ScheduleView(string Name, string Spec, string Text, string TimeZone, string Description, DateTimeOffset? NextFireAt, DateTimeOffset? LastNominalAt);
